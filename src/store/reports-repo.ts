import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ReportsTable } from './schema.ts';

/** A stored card report. */
export type ReportRow = ReportsTable;

/** Store access for members' reports of mistakes in cards. */
export class ReportsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async add(report: Omit<ReportRow, 'id'>): Promise<ReportRow> {
    const row = { ...report, id: randomUUID() };
    await this.db.insertInto('reports').values(row).execute();
    return row;
  }

  /** Every report, oldest first. */
  async list(): Promise<ReportRow[]> {
    const rows = await this.db.selectFrom('reports').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
  }
}
