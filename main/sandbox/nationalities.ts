/**
 * Progeny reports `nationality` as an upper-case adjective ("UKRAINIAN" in the docs' example), not
 * the MRZ's ICAO code. A short map of common codes (ICAO Doc 9303 Part 3, which also has the
 * specimen state UTO and Germany's one-letter D); anything else falls back to the code itself.
 */
const ADJECTIVES: Readonly<Record<string, string>> = {
  AFG: 'AFGHAN', ALB: 'ALBANIAN', DZA: 'ALGERIAN', ARG: 'ARGENTINE', ARM: 'ARMENIAN', AUS: 'AUSTRALIAN', AUT: 'AUSTRIAN', AZE: 'AZERBAIJANI',
  BGD: 'BANGLADESHI', BLR: 'BELARUSIAN', BEL: 'BELGIAN', BIH: 'BOSNIAN', BRA: 'BRAZILIAN', BGR: 'BULGARIAN', CAN: 'CANADIAN', CHL: 'CHILEAN',
  CHN: 'CHINESE', COL: 'COLOMBIAN', HRV: 'CROATIAN', CYP: 'CYPRIOT', CZE: 'CZECH', DNK: 'DANISH', D: 'GERMAN', DEU: 'GERMAN', EGY: 'EGYPTIAN',
  EST: 'ESTONIAN', ETH: 'ETHIOPIAN', FIN: 'FINNISH', FRA: 'FRENCH', GEO: 'GEORGIAN', GHA: 'GHANAIAN', GBR: 'BRITISH', GRC: 'GREEK',
  HUN: 'HUNGARIAN', ISL: 'ICELANDIC', IND: 'INDIAN', IDN: 'INDONESIAN', IRN: 'IRANIAN', IRQ: 'IRAQI', IRL: 'IRISH', ISR: 'ISRAELI',
  ITA: 'ITALIAN', JPN: 'JAPANESE', JOR: 'JORDANIAN', KAZ: 'KAZAKH', KEN: 'KENYAN', KOR: 'SOUTH KOREAN', KGZ: 'KYRGYZ', LVA: 'LATVIAN',
  LBN: 'LEBANESE', LTU: 'LITHUANIAN', LUX: 'LUXEMBOURGISH', MYS: 'MALAYSIAN', MLT: 'MALTESE', MEX: 'MEXICAN', MDA: 'MOLDOVAN', MNE: 'MONTENEGRIN',
  MAR: 'MOROCCAN', NLD: 'DUTCH', NZL: 'NEW ZEALAND', NGA: 'NIGERIAN', MKD: 'MACEDONIAN', NOR: 'NORWEGIAN', PAK: 'PAKISTANI', PER: 'PERUVIAN',
  PHL: 'FILIPINO', POL: 'POLISH', PRT: 'PORTUGUESE', ROU: 'ROMANIAN', RUS: 'RUSSIAN', SAU: 'SAUDI', SRB: 'SERBIAN', SGP: 'SINGAPOREAN',
  SVK: 'SLOVAK', SVN: 'SLOVENIAN', ZAF: 'SOUTH AFRICAN', ESP: 'SPANISH', LKA: 'SRI LANKAN', SWE: 'SWEDISH', CHE: 'SWISS', SYR: 'SYRIAN',
  TJK: 'TAJIK', THA: 'THAI', TUN: 'TUNISIAN', TUR: 'TURKISH', TKM: 'TURKMEN', UKR: 'UKRAINIAN', ARE: 'EMIRATI', USA: 'AMERICAN',
  URY: 'URUGUAYAN', UZB: 'UZBEK', VEN: 'VENEZUELAN', VNM: 'VIETNAMESE', UTO: 'UTOPIAN',
};

/** "UKR" → "UKRAINIAN"; unknown codes come back as they are; null stays null. */
export function nationalityName(code: string | null): string | null {
  if (!code) return null;
  const key = code.replace(/</g, '').toUpperCase();
  return ADJECTIVES[key] ?? key;
}
