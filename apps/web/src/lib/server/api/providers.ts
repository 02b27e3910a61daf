// A provider's side: their organisations and members, claims on imported services, and their listings with photos.
import type {
  ClaimSearchResponse,
  Invitation,
  ListingCreate,
  ListingEditResult,
  ListingPatch,
  MembersResponse,
  MyClaimsResponse,
  Organisation,
  OrganisationBody,
  OrganisationClaim,
  Page,
  ProviderListing,
  ServicePhoto,
} from '@care-assist/domain';
import { request } from './client';

export const providersApi = {
  /** A person belongs to a few organisations: the first (and only) page of up to 100. */
  myOrganisations: (accessToken: string) =>
    request<Page<Organisation>>('/organisations', { query: { per_page: '100' }, accessToken }),

  registerOrganisation: (accessToken: string, body: OrganisationBody) =>
    request<Organisation>('/organisations', { method: 'POST', body, accessToken }),

  organisationMembers: (accessToken: string, organisationId: string) =>
    request<MembersResponse>(`/organisations/${encodeURIComponent(organisationId)}/members`, { accessToken }),

  inviteMember: (accessToken: string, organisationId: string, body: { email: string; role: 'owner' | 'staff' }) =>
    request<Invitation>(`/organisations/${encodeURIComponent(organisationId)}/members`, {
      method: 'POST',
      body,
      accessToken,
    }),

  acceptInvitation: (accessToken: string, token: string) =>
    request<Organisation>('/organisations/invitations/accept', { method: 'POST', body: { token }, accessToken }),

  findClaimableServices: (accessToken: string, q: string) =>
    request<ClaimSearchResponse>('/claims/services', { query: { q }, accessToken }),

  /** A provider's own claims are few: the first (and only) page of up to 100. */
  myClaims: (accessToken: string) =>
    request<MyClaimsResponse>('/claims/mine', { query: { per_page: '100' }, accessToken }),

  claimOrganisation: (accessToken: string, organisationId: string, evidence: string) =>
    request<OrganisationClaim>(`/organisations/${encodeURIComponent(organisationId)}/claims`, {
      method: 'POST',
      body: { evidence },
      accessToken,
    }),

  myListings: (accessToken: string, paging: { page?: string } = {}) =>
    request<Page<ProviderListing>>('/provider/services', { query: paging, accessToken }),

  myListing: (accessToken: string, id: string) =>
    request<ProviderListing>(`/provider/services/${encodeURIComponent(id)}`, { accessToken }),

  createListing: (accessToken: string, body: ListingCreate) =>
    request<ProviderListing>('/provider/services', { method: 'POST', body, accessToken }),

  updateListing: (accessToken: string, id: string, body: ListingPatch) =>
    request<ListingEditResult>(`/provider/services/${encodeURIComponent(id)}`, { method: 'PATCH', body, accessToken }),

  submitListing: (accessToken: string, id: string) =>
    request<ProviderListing>(`/provider/services/${encodeURIComponent(id)}/submit`, { method: 'POST', accessToken }),

  listingPhotos: (accessToken: string, id: string) =>
    request<Page<ServicePhoto>>(`/provider/services/${encodeURIComponent(id)}/photos`, {
      query: { per_page: '100' },
      accessToken,
    }),

  /** Sends the photo on as multipart (`altText`, `file`); the API checks the bytes, the size and the description. */
  uploadListingPhoto: (accessToken: string, id: string, altText: string, file: File) => {
    const body = new FormData();
    body.append('altText', altText);
    body.append('file', file, file.name || 'photo');
    return request<ServicePhoto>(`/provider/services/${encodeURIComponent(id)}/photos`, {
      method: 'POST',
      body,
      accessToken,
    });
  },
};
