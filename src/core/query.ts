/** A query of `queries/` as pgtyped types it against one state: typegen describes it, lint compares descriptions. */
export interface QueryDescription {
  /** Query file relative to the project root, `/`-separated. */
  file: string;
  /** The `@name` annotation. */
  name: string;
  /** 1-based line of the query's statement in the file. */
  line: number;
  /** Interface names pgtyped generates for it (`IFooParams`, `IFooResult`). */
  paramsType: string;
  resultType: string;
  /** Server error when the query does not type (then params/result are empty). */
  error: string | null;
  /** `name: type` per parameter and `name: type[?]` per result column, in order. */
  params: string[];
  result: string[];
}
