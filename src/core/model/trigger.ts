import type { ObjectBase } from './base.js';

/** A trigger on a table or view (constraint triggers included); its parent is the relation. */
export interface TriggerObject extends ObjectBase {
  kind: 'trigger';
  /** Quoted qualified name of the relation. */
  table: string;
  name: string;
  qname: string;
  /** pg_get_triggerdef: timing, events, UPDATE OF, transition tables, FOR EACH, WHEN, deferrability, function. */
  definition: string;
  constraint: boolean;
  /** pg_trigger.tgenabled: O (origin), D (disabled), R (replica), A (always). */
  enabled: 'O' | 'D' | 'R' | 'A';
}

/** A database-wide event trigger (ddl_command_start, sql_drop, ...). */
export interface EventTriggerObject extends ObjectBase {
  kind: 'event_trigger';
  name: string;
  qname: string;
  event: string;
  /** WHEN TAG IN (...) filter, sorted; null when it fires for every tag. */
  tags: string[] | null;
  /** The function as regprocedure prints it (`public.f()`). */
  function: string;
  enabled: 'O' | 'D' | 'R' | 'A';
}
