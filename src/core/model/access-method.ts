import type { ObjectBase } from './base.js';

/** CREATE ACCESS METHOD (one an extension creates belongs to the extension). */
export interface AccessMethodObject extends ObjectBase {
  kind: 'access_method';
  name: string;
  qname: string;
  type: 'table' | 'index';
  /** The handler function as regproc prints it. */
  handler: string;
}
