import type { ObjectBase } from './base.js';

/** CREATE TEXT SEARCH PARSER: its support functions as regproc prints them (no ALTER exists). */
export interface TextSearchParserObject extends ObjectBase {
  kind: 'ts_parser';
  schema: string;
  name: string;
  qname: string;
  start: string;
  gettoken: string;
  end: string;
  lextypes: string;
  headline: string | null;
}

/** CREATE TEXT SEARCH TEMPLATE (no ALTER exists). */
export interface TextSearchTemplateObject extends ObjectBase {
  kind: 'ts_template';
  schema: string;
  name: string;
  qname: string;
  init: string | null;
  lexize: string;
}

/** CREATE TEXT SEARCH DICTIONARY: a template and its options, which ALTER changes in place. */
export interface TextSearchDictionaryObject extends ObjectBase {
  kind: 'ts_dictionary';
  schema: string;
  name: string;
  qname: string;
  /** Quoted qualified template name. */
  template: string;
  /** Options as `key=value` (value unquoted), sorted by key. */
  options: string[];
}

/** CREATE TEXT SEARCH CONFIGURATION: a parser and, per token type, the dictionaries tried in order. */
export interface TextSearchConfigurationObject extends ObjectBase {
  kind: 'ts_configuration';
  schema: string;
  name: string;
  qname: string;
  /** Quoted qualified parser name. */
  parser: string;
  /** Token type alias → quoted qualified dictionary names in the order they are tried; sorted by alias. */
  mappings: { token: string; dictionaries: string[] }[];
}
