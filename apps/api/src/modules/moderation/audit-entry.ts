// One audit log row as council staff read it: the person's name, the action and reason in words, and what the
// action was done to, next to the ids the log keeps for filtering.
import { REJECT_REASONS, auditActionLabel, type AuditEntry } from '@care-assist/domain';
import type { ModerationActionRow } from '@care-assist/db';
import { escalationTargetLabel } from './audit-targets.ts';

export function auditEntryOf(
  { entry, actorName }: { entry: ModerationActionRow; actorName: string },
  labels: ReadonlyMap<string, string>,
): AuditEntry {
  const reasonLabel =
    entry.reasonCode && entry.reasonCode in REJECT_REASONS
      ? REJECT_REASONS[entry.reasonCode as keyof typeof REJECT_REASONS]
      : (entry.reasonCode?.replaceAll('_', ' ') ?? null);
  const actionLabel =
    entry.action === 'escalate'
      ? `Escalated to ${escalationTargetLabel(entry.details?.to)}`
      : auditActionLabel(entry.action);
  return {
    id: entry.id,
    actorId: entry.actorId,
    actorName,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetLabel: labels.get(entry.targetId) ?? entry.targetType,
    action: entry.action,
    actionLabel,
    reasonCode: entry.reasonCode,
    reasonLabel,
    note: entry.note,
    at: entry.at.toISOString(),
  };
}
