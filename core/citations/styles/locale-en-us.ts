import xml from './locales-en-US.xml';

/** The CSL en-US locale, the text of `locales-en-US.xml` in this folder (read at build time; see README.md). */
export const EN_US_LOCALE: string = xml;
