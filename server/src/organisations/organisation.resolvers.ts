import type { Resolvers } from '../contract/generated/resolvers-types';
import { loadRequired } from '../db/loaders';
import { organisationPolicy } from './organisation.policy';
import { setPlatformRoles } from './platform-role.service';
import { getOrganisation, listMembers, listOrganisations, updateOrganisation, verifyOrganisation } from './organisation.service';
import { findUsableInvitation, inviteMember } from './invitation.service';

export const organisationResolvers: Resolvers = {
  Query: {
    organisation: (_parent, { id }, ctx) => getOrganisation(ctx, id),
    organisations: (_parent, args, ctx) => listOrganisations(ctx, args),
    invitation: (_parent, { token }, ctx) => findUsableInvitation(ctx, token),
  },
  Mutation: {
    verifyOrganisation: (_parent, { input }, ctx) => verifyOrganisation(ctx, input.organisationId),
    updateOrganisation: (_parent, { input }, ctx) => updateOrganisation(ctx, input),
    inviteMember: (_parent, { input }, ctx) => inviteMember(ctx, input),
    setPlatformRoles: (_parent, { input }, ctx) => setPlatformRoles(ctx, input),
  },
  Organisation: {
    id: (org) => org._id.toHexString(),
    members: (org, _args, ctx) => listMembers(ctx, org),
    viewerCan: (org, _args, { actor }) => ({
      update: organisationPolicy.canUpdate(actor, org),
      invite: organisationPolicy.canInvite(actor, org),
      verify: organisationPolicy.canVerify(actor, org),
      seeMembers: organisationPolicy.canSeeMembers(actor, org),
    }),
  },
  Invitation: {
    id: (invitation) => invitation._id.toHexString(),
    organisation: (invitation, _args, { loaders }) => loadRequired(loaders.organisationById, 'Organisation', invitation.organisationId),
  },
};
