import { z } from 'zod';
import { sdlEnumValues } from './sdl';
import type {
  OrganisationKind,
  PublicBodyType,
  Region,
  Sector,
} from './generated/resolvers-types';

/** A zod schema for a GraphQL enum, typed by the generated union and valued from the SDL. */
export function sdlEnum<T extends string>(enumName: string) {
  return z.enum(sdlEnumValues(enumName)) as unknown as z.ZodType<T>;
}

export const regionSchema = sdlEnum<Region>('Region');
export const publicBodyTypeSchema = sdlEnum<PublicBodyType>('PublicBodyType');
export const organisationKindSchema = sdlEnum<OrganisationKind>('OrganisationKind');

/** One to three sectors, none repeated: how challenges and solutions say where they belong. */
export const sectorsSchema = z
  .array(sdlEnum<Sector>('Sector'))
  .min(1)
  .max(3)
  .refine((sectors) => new Set(sectors).size === sectors.length, 'must not repeat a sector');
