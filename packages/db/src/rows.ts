// The row types of the tables the API reads and writes, declared once here (a select row is `XRow`, an insert is
// `NewX`) so every module names the same thing the same way instead of re-deriving it from the table.
import type {
  accountTokens,
  answers,
  bookings,
  budgetAccounts,
  budgetLedger,
  councilCarePackages,
  idempotencyKeys,
  invoices,
  moderationActions,
  notificationPreferences,
  notifications,
  organisationClaims,
  organisationInvitations,
  organisations,
  outboundMessages,
  outcomeReviews,
  questions,
  refreshTokens,
  reviewFlags,
  reviewGroups,
  reviewResponses,
  reviews,
  searchEvents,
  searchOutbox,
  serviceCqcRatings,
  servicePhotos,
  serviceRatings,
  serviceRecognitions,
  services,
  shortlistItems,
  userPermissions,
  users,
} from './schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type UserPermissionRow = typeof userPermissions.$inferSelect;
export type NewUserPermission = typeof userPermissions.$inferInsert;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type AccountTokenRow = typeof accountTokens.$inferSelect;
export type NewAccountToken = typeof accountTokens.$inferInsert;

export type OrganisationRow = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type InvitationRow = typeof organisationInvitations.$inferSelect;
export type OrganisationClaimRow = typeof organisationClaims.$inferSelect;
export type NewOrganisationClaim = typeof organisationClaims.$inferInsert;

export type ServiceRow = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
export type ServiceRatingRow = typeof serviceRatings.$inferSelect;
export type CqcKeyQuestionRow = typeof serviceCqcRatings.$inferSelect;
export type ServiceRecognitionRow = typeof serviceRecognitions.$inferSelect;
export type ServicePhotoRow = typeof servicePhotos.$inferSelect;

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = typeof reviews.$inferInsert;
export type ReviewResponseRow = typeof reviewResponses.$inferSelect;
export type ReviewFlagRow = typeof reviewFlags.$inferSelect;
export type ReviewGroupRow = typeof reviewGroups.$inferSelect;
export type ModerationActionRow = typeof moderationActions.$inferSelect;
export type NewModerationAction = typeof moderationActions.$inferInsert;

export type QuestionRow = typeof questions.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

export type BudgetAccountRow = typeof budgetAccounts.$inferSelect;
export type LedgerRow = typeof budgetLedger.$inferSelect;
export type NewLedgerRow = typeof budgetLedger.$inferInsert;
export type BookingRow = typeof bookings.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;

export type OutcomeReviewRow = typeof outcomeReviews.$inferSelect;
export type NewOutcomeReview = typeof outcomeReviews.$inferInsert;
export type CarePackageRow = typeof councilCarePackages.$inferSelect;

export type SearchOutboxRow = typeof searchOutbox.$inferSelect;
export type NewSearchEvent = typeof searchEvents.$inferInsert;
export type OutboundMessageRow = typeof outboundMessages.$inferSelect;
export type NewOutboundMessage = typeof outboundMessages.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type NotificationPreferenceRow = typeof notificationPreferences.$inferSelect;
export type ShortlistItemRow = typeof shortlistItems.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;
