/**
 * The actor of commands run from the command line, where no operator account signs in: an explicit
 * `cli:<OS user>` (STATION_OPERATOR, else the OS account), never mistaken for an account's name.
 * Everything done from the station's screen names the signed-in account instead (main/core/accounts/).
 */
export const operatorName = (): string => `cli:${process.env.STATION_OPERATOR ?? process.env.USER ?? process.env.USERNAME ?? 'station'}`;
