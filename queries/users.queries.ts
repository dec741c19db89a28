/** Types generated for queries found in "queries/users.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'MemberContact' parameters type */
export interface IMemberContactParams {
  userId: string;
}

/** 'MemberContact' return type */
export interface IMemberContactResult {
  /** Name shown to other members. */
  displayName: string;
  /** Sign-in address, case-insensitive and unique; replaced by a placeholder on erasure. */
  email: string;
  /** Surrogate key. */
  id: string;
  phone: string | null;
}

/** 'MemberContact' query type */
export interface IMemberContactQuery {
  params: IMemberContactParams;
  result: IMemberContactResult;
}

const memberContactIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":253,"b":260}]}],"statement":"-- A member's contact details in the current tenant; the phone number is decrypted with the\n-- transaction's keys (fails closed without them). Index: users_pkey.\nSELECT id, display_name, email, decrypt_sensitive(phone) AS phone\n  FROM users\n WHERE id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * -- A member's contact details in the current tenant; the phone number is decrypted with the
 * -- transaction's keys (fails closed without them). Index: users_pkey.
 * SELECT id, display_name, email, decrypt_sensitive(phone) AS phone
 *   FROM users
 *  WHERE id = :userId!
 * ```
 */
export const memberContact = new PreparedQuery<IMemberContactParams,IMemberContactResult>(memberContactIR);


/** 'SetOwnPhone' parameters type */
export interface ISetOwnPhoneParams {
  phone?: string | null | void;
}

/** 'SetOwnPhone' return type */
export interface ISetOwnPhoneResult {
  /** Surrogate key. */
  id: string;
  keyId: string | null;
}

/** 'SetOwnPhone' query type */
export interface ISetOwnPhoneQuery {
  params: ISetOwnPhoneParams;
  result: ISetOwnPhoneResult;
}

const setOwnPhoneIR: any = {"usedParamSet":{"phone":true},"params":[{"name":"phone","required":false,"transform":{"type":"scalar"},"locs":[{"a":277,"b":282},{"a":338,"b":343},{"a":370,"b":375}]}],"statement":"-- The acting user records or clears their phone number (E.164), encrypted under the transaction's\n-- write key. RLS (users_self_update) limits it to the acting user's row; a malformed number updates\n-- nothing (no row back).\nUPDATE users\n   SET phone = encrypt_sensitive(CAST(:phone AS text))\n WHERE id = current_app_user()\n   AND (CAST(:phone AS text) IS NULL OR CAST(:phone AS text) ~ '^\\+[1-9][0-9]{6,14}$')\nRETURNING id, encryption_key_id(phone) AS key_id"};

/**
 * Query generated from SQL:
 * ```
 * -- The acting user records or clears their phone number (E.164), encrypted under the transaction's
 * -- write key. RLS (users_self_update) limits it to the acting user's row; a malformed number updates
 * -- nothing (no row back).
 * UPDATE users
 *    SET phone = encrypt_sensitive(CAST(:phone AS text))
 *  WHERE id = current_app_user()
 *    AND (CAST(:phone AS text) IS NULL OR CAST(:phone AS text) ~ '^\+[1-9][0-9]{6,14}$')
 * RETURNING id, encryption_key_id(phone) AS key_id
 * ```
 */
export const setOwnPhone = new PreparedQuery<ISetOwnPhoneParams,ISetOwnPhoneResult>(setOwnPhoneIR);


