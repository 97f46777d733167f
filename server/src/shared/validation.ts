import { z } from 'zod';
import { badInput } from './errors';

/** Parses untrusted input with a zod schema, turning failures into a BAD_USER_INPUT error naming each field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw badInput(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : (unrecognisedKey(issue) ?? 'input'),
      message: issue.message,
    })),
  );
}

function unrecognisedKey(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
}

/** GraphQL gives omitted optional fields as null; validation treats absent and null alike. */
export function dropNulls<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

/** Technology readiness levels run from 1 (basic principles) to 9 (proven in operation). */
export const TRL_RANGE = { min: 1, max: 9 } as const;

/** Refuses a TRL outside 1..9 given as a filter or search input, naming the field. */
export function assertTrl(field: string, trl: number | null | undefined): void {
  if (trl != null && (!Number.isInteger(trl) || trl < TRL_RANGE.min || trl > TRL_RANGE.max)) {
    throw badInput([{ field, message: `must be between ${TRL_RANGE.min} and ${TRL_RANGE.max}` }]);
  }
}

/** Trimmed text of a bounded length: the shape of every free-text field users write. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** The values without repeats, first occurrence first. */
export const distinct = <T>(values: T[]): T[] => [...new Set(values)];

/** Free-form tags: lower-cased, at most 20, repeats dropped (challenges and solutions alike). */
export const tagsSchema = z.array(text(1, 40).toLowerCase()).max(20).transform(distinct);
