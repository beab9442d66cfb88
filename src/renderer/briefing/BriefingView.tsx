import type { ReportFilterInput } from '../../shared/contract';

/**
 * Briefing composer and presentation mode. Mounted by App; placeholder until the briefing feature fills it in.
 */
export interface BriefingViewProps {
  filter: ReportFilterInput;
  selectedDistrictIds: number[];
  onClose(): void;
}

export function BriefingView(_props: BriefingViewProps) {
  return null;
}
