import type { ObjectBase } from './base.js';

/** CREATE [TRUSTED] LANGUAGE (usually an extension's, and then the extension's). CREATE OR REPLACE changes it. */
export interface LanguageObject extends ObjectBase {
  kind: 'language';
  name: string;
  qname: string;
  trusted: boolean;
  /** Handler, inline handler and validator functions, as regproc prints them. */
  handler: string;
  inline: string | null;
  validator: string | null;
}

/** CREATE TRANSFORM FOR type LANGUAGE lang. Id: `transform:<type>.<language>`. CREATE OR REPLACE changes it. */
export interface TransformObject extends ObjectBase {
  kind: 'transform';
  /** format_type of the type. */
  type: string;
  /** Quoted language name. */
  language: string;
  /** regprocedure of the FROM SQL and TO SQL functions, or null. */
  fromSql: string | null;
  toSql: string | null;
}
