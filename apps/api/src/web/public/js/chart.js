// Stacked SVG bar charts, horizontal (one row per category) or vertical (one column per category).
import { h } from './dom.js';

let seq = 0;

/**
 * `categories`: [{ key, label }]; `series`: [{ key, label }]; `value(categoryKey, seriesKey)`.
 * The figure has a title, a description and a legend; the numbers are also in a table nearby.
 */
export function barChart({
  title,
  description,
  categories,
  series,
  value,
  orientation = 'horizontal',
  format = String,
}) {
  const id = `chart-${++seq}`;
  const totals = categories.map((c) =>
    series.reduce((sum, s) => sum + Math.max(0, value(c.key, s.key)), 0),
  );
  const max = Math.max(1, ...totals);
  const svg =
    orientation === 'horizontal'
      ? horizontal({ categories, series, value, totals, max, format })
      : vertical({ categories, series, value, totals, max, format });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  svg.prepend(
    h('svg:title', { id: `${id}-title` }, title),
    h('svg:desc', { id: `${id}-desc` }, description ?? title),
  );
  return h(
    'figure',
    { class: `chart chart-${orientation}`, dataset: { chart: id } },
    svg,
    h(
      'figcaption',
      {},
      h('span', { class: 'chart-title' }, title),
      h(
        'ul',
        { class: 'legend' },
        series.map((s, i) =>
          h(
            'li',
            {},
            h('span', { class: `swatch series-${i % 10}`, 'aria-hidden': 'true' }),
            s.label,
          ),
        ),
      ),
    ),
  );
}

function horizontal({ categories, series, value, totals, max, format }) {
  const labelWidth = 270;
  const barWidth = 470;
  const row = 24;
  const width = labelWidth + barWidth + 90;
  const height = categories.length * row + 8;
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'bars' });
  categories.forEach((c, r) => {
    const y = 4 + r * row;
    const g = h('svg:g', { class: 'bar-row', 'data-category': c.key });
    // Long names are cut to fit; the full name is the label's tooltip (and in the table).
    const label = c.label.length > 42 ? `${c.label.slice(0, 41)}…` : c.label;
    g.append(
      h(
        'svg:text',
        { x: labelWidth - 8, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'axis-label' },
        label,
        h('svg:title', {}, c.label),
      ),
    );
    let x = labelWidth;
    series.forEach((s, i) => {
      const v = Math.max(0, value(c.key, s.key));
      const w = (v / max) * barWidth;
      if (w > 0) {
        g.append(
          h(
            'svg:rect',
            {
              x,
              y: y + 3,
              width: w,
              height: row - 6,
              class: `series-${i % 10}`,
              'data-series': s.key,
              'data-value': v,
            },
            h('svg:title', {}, `${c.label} – ${s.label}: ${format(v)}`),
          ),
        );
      }
      x += w;
    });
    g.append(
      h('svg:text', { x: x + 6, y: y + row / 2 + 4, class: 'value-label' }, format(totals[r])),
    );
    svg.append(g);
  });
  return svg;
}

function vertical({ categories, series, value, totals, max, format }) {
  const left = 96;
  const plotHeight = 220;
  const column = Math.max(34, Math.min(64, 720 / Math.max(1, categories.length)));
  const width = left + categories.length * column + 16;
  const height = plotHeight + 56;
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'bars' });
  for (let i = 0; i <= 4; i++) {
    const y = 10 + plotHeight - (plotHeight * i) / 4;
    svg.append(h('svg:line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }));
    svg.append(
      h(
        'svg:text',
        { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis-label' },
        format(Math.round((max * i) / 4)),
      ),
    );
  }
  categories.forEach((c, col) => {
    const x = left + col * column + 6;
    const g = h('svg:g', { class: 'bar-column', 'data-category': c.key });
    let y = 10 + plotHeight;
    series.forEach((s, i) => {
      const v = Math.max(0, value(c.key, s.key));
      const hgt = (v / max) * plotHeight;
      if (hgt > 0) {
        y -= hgt;
        g.append(
          h(
            'svg:rect',
            {
              x,
              y,
              width: column - 12,
              height: hgt,
              class: `series-${i % 10}`,
              'data-series': s.key,
              'data-value': v,
            },
            h('svg:title', {}, `${c.label} – ${s.label}: ${format(v)}`),
          ),
        );
      }
    });
    g.append(
      h(
        'svg:text',
        {
          x: x + (column - 12) / 2,
          y: 10 + plotHeight + 16,
          'text-anchor': 'middle',
          class: 'axis-label',
        },
        c.label,
      ),
      h('svg:title', {}, `${c.label}: ${format(totals[col])}`),
    );
    svg.append(g);
  });
  return svg;
}
