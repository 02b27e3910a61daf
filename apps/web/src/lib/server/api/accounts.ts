// Signing in and out, and the account lifecycle (issue 15): verification, password reset, changes, preferences,
// data rights, and the invitation link a person may create their account from.
import type {
  AcceptedMessage,
  AccountData,
  AuthResponse,
  EmailPreferences,
  InvitationPreview,
  PrivacyFacts,
  UnsubscribeResult,
  User,
} from '@care-assist/domain';
import { request } from './client';

export const accountsApi = {
  register: (body: { email: string; password: string; displayName: string; role?: 'resident' | 'provider' }) =>
    request<AuthResponse>('/auth/register', { method: 'POST', body }),

  login: (body: { email: string; password: string }) => request<AuthResponse>('/auth/login', { method: 'POST', body }),

  refresh: (refreshToken: string) => request<AuthResponse>('/auth/refresh', { method: 'POST', refreshToken }),

  logout: (refreshToken: string | null, accessToken: string | null) =>
    request<undefined>('/auth/logout', { method: 'POST', refreshToken, accessToken }),

  me: (accessToken: string) => request<User>('/me', { accessToken }),

  verifyEmail: (token: string) => request<User>('/auth/verify-email', { method: 'POST', body: { token } }),
  resendVerification: (accessToken: string) =>
    request<AcceptedMessage>('/auth/verify-email/resend', { method: 'POST', accessToken }),
  requestPasswordReset: (email: string) =>
    request<AcceptedMessage>('/auth/password-reset', { method: 'POST', body: { email } }),
  resetPassword: (token: string, password: string) =>
    request<undefined>('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }),
  confirmEmailChange: (token: string) =>
    request<User>('/auth/email-change/confirm', { method: 'POST', body: { token } }),
  /** What an invitation link is for, before the person has an account (the token is the credential). */
  previewInvitation: (token: string) =>
    request<InvitationPreview>(`/organisations/invitations/${encodeURIComponent(token)}`),
  unsubscribe: (token: string) => request<UnsubscribeResult>('/email/unsubscribe', { method: 'POST', body: { token } }),
  updateProfile: (accessToken: string, displayName: string) =>
    request<User>('/me', { method: 'PATCH', accessToken, body: { displayName } }),
  requestEmailChange: (accessToken: string, newEmail: string, password: string) =>
    request<AcceptedMessage>('/me/email', { method: 'POST', accessToken, body: { newEmail, password } }),
  changePassword: (accessToken: string, currentPassword: string, newPassword: string) =>
    request<undefined>('/me/password', { method: 'POST', accessToken, body: { currentPassword, newPassword } }),
  emailPreferences: (accessToken: string) => request<EmailPreferences>('/me/email-preferences', { accessToken }),
  updateEmailPreferences: (accessToken: string, preferences: Record<string, boolean>) =>
    request<EmailPreferences>('/me/email-preferences', { method: 'PUT', accessToken, body: { preferences } }),
  myData: (accessToken: string) => request<AccountData>('/me/data', { accessToken }),
  deleteAccount: (accessToken: string, password: string, removeReviews: boolean) =>
    request<undefined>('/me', { method: 'DELETE', accessToken, body: { password, removeReviews } }),

  privacyFacts: () => request<PrivacyFacts>('/privacy'),
};
