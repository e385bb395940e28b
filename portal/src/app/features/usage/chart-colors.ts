import { Color, ScaleType } from '@swimlane/ngx-charts';

/**
 * Okabe–Ito colours: told apart by colour-blind readers and readable on light and dark
 * surfaces. Fixed values, as ngx-charts writes them into SVG attributes, where theme
 * variables do not apply.
 */
export const SERIES_COLORS: Color = {
  name: 'usage-series',
  selectable: true,
  group: ScaleType.Ordinal,
  domain: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'],
};

export const ERROR_COLORS: Color = { ...SERIES_COLORS, name: 'usage-errors', domain: ['#D55E00'] };

export const SUCCESS_COLORS: Color = { ...SERIES_COLORS, name: 'usage-success', domain: ['#009E73'] };
