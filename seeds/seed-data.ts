import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { organisationKindSchema, publicBodyTypeSchema, regionSchema, sdlEnum } from '../server/src/contract/taxonomy';
import type { MembershipRole, PlatformRole } from '../server/src/contract/generated/resolvers-types';

const dataDirectory = path.join(__dirname, 'data');

const seedOrganisationSchema = z.object({
  key: z.string(),
  kind: organisationKindSchema,
  publicBodyType: publicBodyTypeSchema.optional(),
  name: z.string(),
  region: regionSchema,
  website: z.string().optional(),
  description: z.string(),
  verified: z.boolean(),
});

const seedUserSchema = z.object({
  email: z.string(),
  name: z.string(),
  orgKey: z.string(),
  membership: sdlEnum<MembershipRole>('MembershipRole'),
  platformRoles: z.array(sdlEnum<PlatformRole>('PlatformRole')),
});

export type SeedOrganisation = z.infer<typeof seedOrganisationSchema>;
export type SeedUser = z.infer<typeof seedUserSchema>;

/** Reads and validates every JSON file in seeds/data whose name starts with `prefix`, concatenated in name order. */
export function readSeedFiles<T>(prefix: string, schema: z.ZodType<T>): T[] {
  const files = fs
    .readdirSync(dataDirectory)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.json'))
    .sort();
  return files.flatMap((file) => {
    const parsed = z.array(schema).safeParse(JSON.parse(fs.readFileSync(path.join(dataDirectory, file), 'utf8')));
    if (!parsed.success) throw new Error(`seeds/data/${file}: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

export function readOrganisations(): SeedOrganisation[] {
  return readSeedFiles('organisations', seedOrganisationSchema);
}

export function readUsers(): SeedUser[] {
  return readSeedFiles('users', seedUserSchema);
}

/** Which start-up (by key) owns each seeded solution (by key). */
export function readSolutionOwners(): Map<string, string> {
  return new Map(readSeedFiles('solutions', z.looseObject({ key: z.string(), orgKey: z.string() })).map((s) => [s.key, s.orgKey]));
}
