import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, isEnumType, Kind, parse, type DocumentNode } from 'graphql';
import { repoRoot } from '../config/config';

const sdlDirectory = path.join(repoRoot, 'graphql');

/** The contract: every `graphql/*.graphql` file, read once. */
export const typeDefs: DocumentNode[] = fs
  .readdirSync(sdlDirectory)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => parse(fs.readFileSync(path.join(sdlDirectory, file), 'utf8')));

const contractSchema = buildASTSchema({ kind: Kind.DOCUMENT, definitions: typeDefs.flatMap((doc) => doc.definitions) });

/**
 * The values of a GraphQL enum, for validating the same vocabulary where it arrives outside
 * GraphQL (REST bodies, seed files), so the SDL stays its only definition.
 */
export function sdlEnumValues(enumName: string): [string, ...string[]] {
  const type = contractSchema.getType(enumName);
  if (!isEnumType(type)) throw new Error(`graphql/*.graphql defines no enum ${enumName}`);
  const values = type.getValues().map((value) => value.name);
  if (values.length === 0) throw new Error(`enum ${enumName} has no values`);
  return values as [string, ...string[]];
}
