import { badRowTotal } from '../io/csv/badRows.js';
import type { Plan } from '../plan/plan.js';
import type { RowCounts } from '../runtime/progress.js';

/**
 * The row accounting of a pass for the JSON summary: rowsRead = rowsKept + rowsDropped, and
 * rowsDropped is broken down into unreadable rows (by reason) and rows each stage removed.
 */
export function accountingSummary(plan: Plan, counts: RowCounts) {
  const badRows = badRowTotal(counts.bad);
  return {
    rowsRead: counts.rowsRead,
    rowsKept: counts.rowsKept,
    rowsDropped: counts.rowsRead - counts.rowsKept,
    dropped: {
      badRows: { total: badRows, byReason: counts.bad.counts, firstLines: counts.bad.samples },
      byStage: counts.droppedByStage.flatMap((rows, index) => (rows ? [{ stage: plan.stages[index]!.stage.description, rows }] : [])),
    },
  };
}
