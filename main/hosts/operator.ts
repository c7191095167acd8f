/** Who works at this station, for the audit log: STATION_OPERATOR, else the OS account. */
export const operatorName = (): string => process.env.STATION_OPERATOR ?? process.env.USER ?? process.env.USERNAME ?? 'station';
