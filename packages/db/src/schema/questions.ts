// Public questions about a service and the answers other residents and the provider give, moderated the
// same way as reviews (pre-checks, a moderator publishes or rejects, audited in moderation_actions).
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PrecheckFlag, QuestionStatus } from '@care-assist/domain';
import { services } from './services.ts';
import { users } from './users.ts';

export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    status: text('status').$type<QuestionStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    prechecks: jsonb('prechecks').$type<PrecheckFlag[]>().notNull().default([]),
    safeguarding: boolean('safeguarding').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questions_service_status_idx').on(t.serviceId, t.status), index('questions_status_idx').on(t.status)],
);

export const answers = pgTable(
  'answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** Written by a member of the organisation that runs the service. */
    fromProvider: boolean('from_provider').notNull().default(false),
    body: text('body').notNull(),
    status: text('status').$type<QuestionStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    prechecks: jsonb('prechecks').$type<PrecheckFlag[]>().notNull().default([]),
    safeguarding: boolean('safeguarding').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('answers_question_status_idx').on(t.questionId, t.status), index('answers_status_idx').on(t.status)],
);
