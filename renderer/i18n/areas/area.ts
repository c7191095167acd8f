/** A translation area: English is the reference; French and Arabic must have exactly its keys. */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

export interface Area<T> {
  en: T;
  fr: Catalogue<T>;
  ar: Catalogue<T>;
}

/** Builds an area whose other languages the typechecker holds to the English keys. */
export const defineArea = <const T>(area: { en: T; fr: Catalogue<T>; ar: Catalogue<T> }): Area<T> => area;
