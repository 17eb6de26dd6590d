/**
 * Reads what n8n recorded in PostgreSQL: the executions of the test's workflow and the output of
 * each. Uses the `pg` and `flatted` packages of the n8n install (n8n's own database driver and
 * the format it stores execution data in), so the project needs no dependency for it.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { N8nInstall } from '../e2e/install-n8n';
import type { ExecutionRun, ItemJson } from '../e2e/n8n-cli';
import type { Postgres } from './databases';
import { HOST } from './settings';

interface PgClient {
	connect(): Promise<void>;
	query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
	on(event: 'error', listener: (error: Error) => void): void;
}

export interface ExecutionRow {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: Date | null;
	stoppedAt: Date | null;
}

/** Statuses after which n8n does not touch an execution again. */
const DONE = new Set(['success', 'error', 'crashed', 'canceled']);

export class Database {
	private constructor(
		private readonly client: PgClient,
		private readonly parseFlatted: (text: string) => unknown,
	) {}

	static async connect(install: N8nInstall, postgres: Postgres): Promise<Database> {
		const load = createRequire(join(install.root, 'node_modules', 'n8n', 'package.json'));
		const pg = load('pg') as { Client: new (config: Record<string, unknown>) => PgClient };
		const flatted = load('flatted') as { parse: (text: string) => unknown };
		const client = new pg.Client({
			host: HOST,
			port: postgres.port,
			user: postgres.user,
			password: postgres.password,
			database: postgres.database,
		});
		// A server that goes away (PostgreSQL stopped at the end) must not crash the test.
		client.on('error', () => undefined);
		await client.connect();
		return new Database(client, flatted.parse);
	}

	async executions(workflowId: string): Promise<ExecutionRow[]> {
		const { rows } = await this.client.query(
			'SELECT id, status, finished, mode, "startedAt", "stoppedAt" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
			[workflowId],
		);
		return rows.map((row) => ({
			id: String(row.id),
			status: String(row.status),
			finished: row.finished === true,
			mode: String(row.mode),
			startedAt: (row.startedAt as Date | null) ?? null,
			stoppedAt: (row.stoppedAt as Date | null) ?? null,
		}));
	}

	/** Polls until `count` executions exist and all are done; the rows, or throws on timeout. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs: number,
	): Promise<ExecutionRow[]> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const rows = await this.executions(workflowId);
			if (rows.length >= count && rows.every((row) => DONE.has(row.status))) return rows;
			if (Date.now() > until) {
				const open = rows.filter((row) => !DONE.has(row.status));
				throw new Error(
					`after ${timeoutMs / 1000} s: ${rows.length} of ${count} executions, ${open.length} not finished (${open.map((r) => `${r.id}: ${r.status}`).join(', ')})`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	/** The run record of an execution (what `execute --rawOutput` prints), from execution_data. */
	async run(executionId: string): Promise<ExecutionRun | undefined> {
		const { rows } = await this.client.query(
			'SELECT data FROM execution_data WHERE "executionId" = $1',
			[Number(executionId)],
		);
		const text = rows[0]?.data;
		if (typeof text !== 'string') return undefined;
		return { data: this.parseFlatted(text) as ExecutionRun['data'] };
	}

	/** Whether the workflow has a published (active) version. */
	async isPublished(workflowId: string): Promise<boolean> {
		const { rows } = await this.client.query(
			'SELECT "activeVersionId" FROM workflow_entity WHERE id = $1',
			[workflowId],
		);
		return typeof rows[0]?.activeVersionId === 'string';
	}

	async close(): Promise<void> {
		await this.client.end().catch(() => undefined);
	}
}

/** Items a node put out in an execution's first run of it. */
export function outputOf(run: ExecutionRun, nodeName: string): ItemJson[] {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}
