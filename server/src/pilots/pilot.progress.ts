import type { PilotKpiRecord, PilotMeasurementRecord, PilotMilestoneRecord, PilotRecord } from './pilot.model';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** What a KPI's on-track judgement needs of its pilot: when it went live and for how long it runs. */
export type PilotSchedule = Pick<PilotRecord, 'liveAt' | 'plannedLengthWeeks'>;

/** A KPI as the API shows it: with the schedule of its pilot, which `onTrack` reads. */
export type PilotKpiView = PilotKpiRecord & { schedule: PilotSchedule };

/** When a LIVE pilot is due to end. */
export function plannedEndOf(schedule: PilotSchedule): Date | null {
  return schedule.liveAt ? new Date(schedule.liveAt.getTime() + schedule.plannedLengthWeeks * WEEK_MS) : null;
}

/** The measurement taken last (by `measuredOn`; a later record wins a tie), not the one recorded last. */
export function latestMeasurement(kpi: Pick<PilotKpiRecord, 'measurements'>): PilotMeasurementRecord | undefined {
  let latest: PilotMeasurementRecord | undefined;
  for (const measurement of kpi.measurements) if (!latest || measurement.measuredOn >= latest.measuredOn) latest = measurement;
  return latest;
}

/**
 * 0 at the baseline, 1 at the target. Dividing by (target - baseline) respects the direction by
 * itself: for a DECREASE both differences are negative (baseline 40, target 16, latest 22: -18 / -24 = 0.75).
 */
export function kpiProgress(kpi: Pick<PilotKpiRecord, 'baseline' | 'target' | 'measurements'>): number | null {
  const latest = latestMeasurement(kpi);
  return latest ? (latest.value - kpi.baseline) / (kpi.target - kpi.baseline) : null;
}

/** Progress keeps pace with the share of the planned length elapsed at `now`; unknown before go-live or a first measurement. */
export function kpiOnTrack(kpi: PilotKpiView, now: Date): boolean | null {
  const progress = kpiProgress(kpi);
  const end = plannedEndOf(kpi.schedule);
  if (progress === null || !kpi.schedule.liveAt || !end) return null;
  const span = end.getTime() - kpi.schedule.liveAt.getTime();
  const elapsed = span > 0 ? Math.min(1, Math.max(0, (now.getTime() - kpi.schedule.liveAt.getTime()) / span)) : 1;
  return progress >= elapsed;
}

/** Past due and not done, as of `now`: computed on read from the request's clock, never stored. */
export function isOverdue(milestone: Pick<PilotMilestoneRecord, 'dueOn' | 'doneOn'>, now: Date): boolean {
  return !milestone.doneOn && milestone.dueOn.getTime() < now.getTime();
}
