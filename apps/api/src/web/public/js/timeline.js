// An entitlement's placements on a time axis: one bar per placement, coloured by kind.
import { h } from './dom.js';

const DAY = 86_400_000;
const dayOf = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * `placements`: [{ label, from, to, kind }] (to inclusive, null while open); `start`/`end` the
 * entitlement's span (end null while open-ended); `markers`: [{ date, label, className }].
 */
export function timeline({ title, start, end, placements, markers = [], kindLabel }) {
  const width = 760;
  const left = 22;
  const plot = width - 44;
  const dates = [
    start,
    end,
    ...placements.flatMap((p) => [p.from, p.to]),
    ...markers.map((m) => m.date),
  ].filter(Boolean);
  const first = Math.min(...dates.map(dayOf));
  let last = Math.max(...dates.map(dayOf));
  if (!end || placements.some((p) => p.to === null)) last += Math.max(30, (last - first) * 0.08);
  const span = Math.max(1, last - first);
  const x = (date) => left + ((dayOf(date) - first) / span) * plot;
  const xEnd = (date) => (date ? left + ((dayOf(date) + 1 - first) / span) * plot : left + plot);
  const height = 84;
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'timeline',
    role: 'img',
    'aria-label': title,
  });
  svg.append(h('svg:title', {}, title));
  svg.append(
    h('svg:rect', {
      x: x(start),
      y: 14,
      width: Math.max(1, xEnd(end) - x(start)),
      height: 36,
      class: 'entitled',
    }),
  );
  placements.forEach((p, i) => {
    const x0 = x(p.from);
    const w = Math.max(2, xEnd(p.to) - x0);
    const g = h('svg:g', { class: 'placement', 'data-index': i, 'data-kind': p.kind });
    g.append(
      h(
        'svg:rect',
        { x: x0, y: 18, width: w, height: 28, class: `kind-${p.kind}` },
        h('svg:title', {}, `${p.label}: ${p.from} – ${p.to ?? '…'} (${kindLabel(p.kind)})`),
      ),
    );
    if (w > 60)
      g.append(
        h(
          'svg:text',
          { x: x0 + 4, y: 36, class: 'segment-label' },
          truncate(p.label, Math.floor(w / 6.5)),
        ),
      );
    svg.append(g);
  });
  for (const m of markers) {
    svg.append(
      h(
        'svg:line',
        { x1: x(m.date), x2: x(m.date), y1: 8, y2: 54, class: `marker ${m.className ?? ''}` },
        h('svg:title', {}, `${m.label}: ${m.date}`),
      ),
    );
  }
  for (const tick of ticks(first, last)) {
    const tx = left + ((tick.day - first) / span) * plot;
    svg.append(h('svg:line', { x1: tx, x2: tx, y1: 52, y2: 58, class: 'tick' }));
    svg.append(
      h('svg:text', { x: tx, y: 72, 'text-anchor': 'middle', class: 'axis-label' }, tick.label),
    );
  }
  return h('figure', { class: 'timeline-figure' }, svg);
}

function truncate(text, chars) {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** Month ticks, every 1, 3, 6, 12, 24 or 60 months: whichever gives at most seven. */
function ticks(first, last) {
  const start = dateOf(first);
  for (const step of [1, 3, 6, 12, 24, 60, 120]) {
    let year = Number(start.slice(0, 4));
    let month = Number(start.slice(5, 7));
    const result = [];
    // Align to the step: the first month after `first` that is a multiple of it.
    while (true) {
      month += 1;
      if (month > 12) ((month = 1), (year += 1));
      if ((year * 12 + month - 1) % step === 0) break;
    }
    while (true) {
      const date = `${year}-${String(month).padStart(2, '0')}-01`;
      const day = dayOf(date);
      if (day > last) break;
      result.push({ day, label: step >= 12 ? String(year) : date.slice(0, 7) });
      month += step;
      while (month > 12) ((month -= 12), (year += 1));
    }
    if (result.length <= 7) return result;
  }
  return [];
}
