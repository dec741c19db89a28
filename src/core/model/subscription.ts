import type { ObjectBase } from './base.js';

/**
 * CREATE SUBSCRIPTION. Whether it is enabled is operational (it needs its slot on the
 * publisher first), so it is not part of the model; migrations create subscriptions
 * disabled and without connecting.
 */
export interface SubscriptionObject extends ObjectBase {
  kind: 'subscription';
  name: string;
  qname: string;
  /**
   * The connection string in keyword/value form, keys sorted, secret values `<secret>`
   * (src/core/secrets.ts); null when the reader may not see it (only superusers read
   * pg_subscription.subconninfo), and then never compared.
   */
  connection: string | null;
  /** Publication names, sorted. */
  publications: string[];
  /** Replication slot name, or null for slot_name = NONE. */
  slotName: string | null;
  /** WITH options as `key=value` (binary, streaming, two_phase, ...), sorted. */
  options: string[];
}
