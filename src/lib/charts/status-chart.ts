/**
 * A plan's statuses as one stacked bar: how many targets are in each class. Colours match the
 * status badges; ECharts' decal patterns keep the classes apart in grey-scale print.
 */
import type { EChartsOption } from 'echarts';
import type { ProgressStatus } from '../domain/progress';
import type { TaskStanding } from '../domain/tasks';
import { PROGRESS_STATUSES } from '../domain/progress';

export const STATUS_COLORS: Record<ProgressStatus, string> = {
	achieved: '#1d6b3a',
	met: '#1d6b3a',
	on_track: '#2e7d4f',
	acceleration_needed: '#9a6700',
	limited_progress: '#b4540a',
	deterioration: '#b3261e',
	missed: '#b3261e',
	insufficient_data: '#5a6270'
};

export function statusChartOptions(counts: Partial<Record<ProgressStatus, number>>, label: (s: ProgressStatus) => string): EChartsOption {
	const present = PROGRESS_STATUSES.filter((s) => counts[s]);
	return {
		animation: false,
		aria: { enabled: true, decal: { show: true } },
		grid: { left: 4, right: 4, top: 4, bottom: 4 },
		xAxis: { type: 'value', show: false, max: present.reduce((n, s) => n + (counts[s] ?? 0), 0) },
		yAxis: { type: 'category', show: false, data: [''] },
		tooltip: { trigger: 'item' },
		series: present.map((s) => ({
			name: label(s),
			type: 'bar',
			stack: 'statuses',
			barWidth: '80%',
			itemStyle: { color: STATUS_COLORS[s] },
			label: { show: true, color: '#fff', fontWeight: 'bold', formatter: String(counts[s]) },
			data: [counts[s] ?? 0]
		}))
	};
}

/** Colours of a task's standing; white text on each reads at 4.5:1 or more. */
export const TASK_STANDING_COLORS: Record<TaskStanding, string> = {
	not_started: '#475569',
	in_progress: '#1f5fa8',
	done: '#1d6b3a',
	delayed: '#b3261e',
	dropped: '#57534e',
	unreported: '#6b7280'
};
