// Brings CQC locations into Care Assist, idempotently: keyed by CQC location id (services) and provider id
// (organisations); a row whose data did not change writes nothing, so updated_at and the search outbox
// stay still on a re-run. CQC registration is the check, so new adult social care services publish at
// once, under an unclaimed organisation (source 'cqc', no members) until a provider claims it.
import { randomBytes } from 'node:crypto';
import { careTypeLabel, mapCqcServiceTypes, mapCqcSpecialisms } from '@care-assist/domain';
import {
  enqueueServiceSearchSync,
  type Database,
  type Executor,
  type NewService,
  type ServiceRow,
} from '@care-assist/db';
import { slugify } from '../listings/location.ts';
import type { CqcLocation, CqcRow } from './records.ts';
import { createCqcImportRepository, type CqcImportRepository } from './repository.ts';

export interface ImportReport {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  unpublished: number;
  skippedByType: number;
  skippedDeregistered: number;
  organisationsCreated: number;
  errors: { line: number; reason: string }[];
}

type Outcome = 'created' | 'updated' | 'unchanged' | 'unpublished' | 'skippedByType' | 'skippedDeregistered';

const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

function changedFields<T extends object>(current: T, desired: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(desired) as [keyof T, T[keyof T]][]) {
    if (differs(current[k], v)) out[k] = v;
  }
  return out;
}

export function createCqcImporter({
  db,
  clock,
  repository = createCqcImportRepository(db),
}: {
  db: Database;
  clock: () => Date;
  repository?: CqcImportRepository;
}) {
  async function organisationFor(location: CqcLocation, tx: Executor): Promise<{ id: string; created: boolean }> {
    const existing = await repository.findOrganisationByCqcProviderId(location.providerId, tx);
    if (existing) {
      // Only names the CQC gave us are kept in step; a claimed organisation's own details are the provider's.
      if (existing.source === 'cqc' && location.providerName && existing.name !== location.providerName) {
        await repository.renameOrganisation(existing.id, location.providerName, clock(), tx);
      }
      return { id: existing.id, created: false };
    }
    const now = clock();
    const row = await repository.insertOrganisation(
      {
        name: location.providerName ?? `CQC provider ${location.providerId}`,
        // The CQC data does not say which sector a provider is in: "not known" (null) until the claiming
        // provider says, so insight never counts these as private.
        sector: null,
        cqcProviderId: location.providerId,
        source: 'cqc',
        createdAt: now,
        updatedAt: now,
      },
      tx,
    );
    return { id: row.id, created: true };
  }

  /** The CQC's own facts about a location; for a provider-made listing only the registration and rating. */
  function desiredFields(
    location: CqcLocation,
    careTypes: ServiceRow['careTypes'],
    providerOwned: boolean,
  ): Partial<ServiceRow> {
    const rating = location.rating
      ? { cqcRating: location.rating.overall, cqcRatingDate: location.rating.reportDate }
      : {};
    const registration = { cqcRegistrationStatus: location.registered ? 'Registered' : 'Deregistered', ...rating };
    if (providerOwned) return registration;
    return {
      ...registration,
      name: location.name,
      careTypes,
      specialisms: mapCqcSpecialisms(location.specialisms),
      addressLine1: location.addressLine1,
      addressLine2: location.addressLine2,
      town: location.town,
      county: location.county,
      postcode: location.postcode,
      latitude: location.latitude,
      longitude: location.longitude,
      phone: location.phone,
      website: location.website,
    };
  }

  async function syncKeyQuestions(serviceId: string, location: CqcLocation, tx: Executor): Promise<boolean> {
    if (!location.rating) return false;
    const current = await repository.keyQuestionRatings(serviceId, tx);
    let changed = false;
    for (const { code, rating } of location.rating.keyQuestions) {
      const row = current.find((r) => r.keyQuestion === code);
      if (row && row.rating === rating && row.reportDate === location.rating.reportDate) continue;
      changed = true;
      await repository.upsertKeyQuestionRating(
        { serviceId, keyQuestion: code, rating, reportDate: location.rating.reportDate },
        clock(),
        tx,
      );
    }
    const kept = new Set(location.rating.keyQuestions.map((k) => k.code));
    for (const row of current.filter((r) => !kept.has(r.keyQuestion))) {
      changed = true;
      await repository.deleteKeyQuestionRating(serviceId, row.keyQuestion, tx);
    }
    return changed;
  }

  async function uniqueSlug(name: string, town: string, tx: Executor): Promise<string> {
    const base = slugify(name, town) || 'care-service';
    return (await repository.isSlugTaken(base, tx)) ? `${base}-${randomBytes(3).toString('hex')}` : base;
  }

  async function importLocation(location: CqcLocation): Promise<{ outcome: Outcome; organisationCreated: boolean }> {
    const careTypes = mapCqcServiceTypes(location.serviceTypes);
    if (careTypes.length === 0) return { outcome: 'skippedByType', organisationCreated: false };
    return db.transaction(async (tx) => {
      const existing = await repository.findServiceByCqcLocationIdForUpdate(location.locationId, tx);
      const now = clock();

      if (!existing) {
        if (!location.registered) return { outcome: 'skippedDeregistered' as const, organisationCreated: false };
        const organisation = await organisationFor(location, tx);
        const row = await repository.insertService(
          {
            ...(desiredFields(location, careTypes, false) as NewService),
            organisationId: organisation.id,
            slug: await uniqueSlug(location.name, location.town, tx),
            summary: `${careTypes.map(careTypeLabel).join(', ')} registered with the Care Quality Commission.`,
            cqcLocationId: location.locationId,
            source: 'cqc',
            status: 'published',
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await syncKeyQuestions(row.id, location, tx);
        await enqueueServiceSearchSync(tx, [row.id]);
        return { outcome: 'created' as const, organisationCreated: organisation.created };
      }

      const changes = changedFields(existing, desiredFields(location, careTypes, existing.source === 'provider'));
      let outcome: Outcome = 'unchanged';
      if (!location.registered && (existing.status === 'published' || existing.status === 'pending')) {
        Object.assign(changes, {
          status: 'suspended',
          moderationReasonCode: 'not_registered',
          moderationNote: 'The CQC lists this location as deregistered.',
          moderatedAt: now,
        });
        outcome = 'unpublished';
      }
      const organisation = existing.source === 'cqc' ? await organisationFor(location, tx) : null;
      const ratingsChanged = await syncKeyQuestions(existing.id, location, tx);
      if (Object.keys(changes).length > 0 || ratingsChanged) {
        await repository.updateService(existing.id, { ...changes, updatedAt: now }, tx);
        await enqueueServiceSearchSync(tx, [existing.id]);
        if (outcome === 'unchanged') outcome = 'updated';
      }
      return { outcome, organisationCreated: organisation?.created ?? false };
    });
  }

  return {
    async run(rows: AsyncIterable<CqcRow>, onRow?: (report: ImportReport) => void): Promise<ImportReport> {
      const report: ImportReport = {
        read: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        unpublished: 0,
        skippedByType: 0,
        skippedDeregistered: 0,
        organisationsCreated: 0,
        errors: [],
      };
      for await (const row of rows) {
        report.read++;
        if ('error' in row) {
          report.errors.push({ line: row.line, reason: row.error });
        } else {
          const { outcome, organisationCreated } = await importLocation(row.location);
          report[outcome]++;
          if (organisationCreated) report.organisationsCreated++;
        }
        onRow?.(report);
      }
      return report;
    },
  };
}
