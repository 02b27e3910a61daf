// What an action on one review in the moderation queue answered, shown on that review's card.
export interface CardOutcome {
  reviewId: string;
  action: 'review' | 'escalate' | 'contact';
  ok: boolean;
  message: string;
  /** The field the message is about, when there is one. */
  field?: string;
}
