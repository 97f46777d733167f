import type { Resolvers } from '../contract/generated/resolvers-types';
import { organisationPolicy } from './organisation.policy';
import { getOrganisation, listMembers, listOrganisations, updateOrganisation, verifyOrganisation } from './organisation.service';
import { findUsableInvitation, inviteMember } from './invitation.service';
import { notFound } from '../shared/errors';

export const organisationResolvers: Resolvers = {
  Query: {
    organisation: (_parent, { id }, { actor }) => getOrganisation(actor, id),
    organisations: (_parent, { filter, first, after }, { actor }) => listOrganisations(actor, filter, first, after),
    invitation: (_parent, { token }) => findUsableInvitation(token),
  },
  Mutation: {
    verifyOrganisation: (_parent, { input }, { actor }) => verifyOrganisation(actor, input.organisationId),
    updateOrganisation: (_parent, { input }, { actor }) => updateOrganisation(actor, input),
    inviteMember: (_parent, { input }, { actor, services }) => inviteMember(actor, input, services),
  },
  Organisation: {
    id: (org) => org._id.toHexString(),
    members: (org, _args, { actor }) => listMembers(actor, org),
    viewerCan: (org, _args, { actor }) => ({
      update: organisationPolicy.canUpdate(actor, org),
      invite: organisationPolicy.canInvite(actor, org),
      verify: organisationPolicy.canVerify(actor, org),
      seeMembers: organisationPolicy.canSeeMembers(actor, org),
    }),
  },
  Invitation: {
    id: (invitation) => invitation._id.toHexString(),
    organisation: async (invitation, _args, { loaders }) => {
      const organisation = await loaders.organisationById.load(invitation.organisationId.toHexString());
      if (!organisation) throw notFound('Organisation', invitation.organisationId.toHexString());
      return organisation;
    },
  },
};
