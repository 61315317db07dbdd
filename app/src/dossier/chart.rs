//! Measurement charts, drawn as SVG by the component itself (no chart crate,
//! no JavaScript). The server prepares the points (`chart_queries.rs`, the
//! data and its words in `chart_data.rs`): a
//! series with more values than the chart has room for comes in stretches of
//! time, each with its lowest, highest and mean value, so that a spike stays
//! visible and a page of five years weighs what a page of three months does.

use super::chart_data::{by_text, push_tenths, value_line, when_text};
pub use super::chart_data::{local_number, summary, value_text, ChartData, Point, FLAGGED_SHOWN};
use super::measurements::Kind;

/// The drawing area, in the SVG's own units; it scales to the screen.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
/// Room above the highest tick for the unit.
const TOP: f64 = 28.0;
const BOTTOM: f64 = 34.0;
/// More values than this in the period are drawn as stretches of time: one
/// per six units of width, as fine as a phone's screen shows.
pub const MAX_POINTS: i64 = 100;

/// The SVG's vertical range: the values and the reference lines, with a margin.
fn value_range(data: &ChartData) -> (f64, f64) {
    let mut low = f64::MAX;
    let mut high = f64::MIN;
    for point in &data.points {
        low = low.min(point.low).min(point.second_low.unwrap_or(f64::MAX));
        high = high
            .max(point.high)
            .max(point.second_high.unwrap_or(f64::MIN));
    }
    for line in data.kind.reference_lines() {
        low = low.min(*line);
        high = high.max(*line);
    }
    if low > high {
        return (0.0, 1.0);
    }
    let margin = ((high - low) * 0.1).max(1.0);
    ((low - margin).floor(), (high + margin).ceil())
}

/// About five round steps between `low` and `high`.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let raw = (high - low) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(magnitude * 10.0);
    let mut tick = (low / step).ceil() * step;
    let mut out = Vec::new();
    while tick <= high + f64::EPSILON {
        out.push(tick);
        tick += step;
    }
    out
}

/// An SVG coordinate pair, "x,y", to a tenth of a unit.
fn push_pair(out: &mut String, x: f64, y: f64) {
    push_tenths(out, x, '.');
    out.push(',');
    push_tenths(out, y, '.');
}

fn coordinate(value: f64) -> String {
    let mut text = String::with_capacity(6);
    push_tenths(&mut text, value, '.');
    text
}

use leptos::prelude::*;

/// One chart, with its summary, the values outside the range, and the table.
#[component]
pub fn Chart(data: ChartData) -> impl IntoView {
    let text = crate::i18n::t().dossier;
    let kind = data.kind;
    let id = format!("grafiek-{}", kind.as_query());
    let summary_id = format!("{id}-samenvatting");
    let (low, high) = value_range(&data);
    let span = data.span.max(1) as f64;
    let x = move |minute: i64| LEFT + (WIDTH - LEFT - RIGHT) * (minute as f64 / span);
    let y = move |value: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (value - low) / (high - low));
    let grid = ticks(low, high)
        .into_iter()
        .map(|tick| {
            view! {
                <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=y(tick) y2=y(tick)/>
                <text class="tick" x=LEFT - 6.0 y=y(tick) + 4.0 text-anchor="end">{local_number(tick)}</text>
            }
        })
        .collect_view();
    let references = kind
        .reference_lines()
        .iter()
        .map(|line| view! { <line class="reference" x1=LEFT x2=WIDTH - RIGHT y1=y(*line) y2=y(*line)/> })
        .collect_view();
    let days = axis_days(&data.first_day, &data.last_day);
    let last_label = days.len().saturating_sub(1);
    let day_labels = days
        .into_iter()
        .enumerate()
        .map(|(index, (minute, label))| {
            // The outer labels lean inwards, so neither is cut off at the edge.
            let anchor = match index {
                0 => "start",
                i if i == last_label => "end",
                _ => "middle",
            };
            view! { <text class="tick" x=x(minute) y=HEIGHT - 10.0 text-anchor=anchor>{label}</text> }
        })
        .collect_view();
    let line = |second: bool| {
        let mut points = String::with_capacity(data.points.len() * 12);
        for p in &data.points {
            if let Some(value) = if second { p.second_mean } else { Some(p.mean) } {
                if !points.is_empty() {
                    points.push(' ');
                }
                push_pair(&mut points, x(p.minute), y(value));
            }
        }
        points
    };
    let first_line = line(false);
    let second_line = line(true);
    // Stretches of time are one path of vertical strokes (lowest to highest),
    // not an element each; single values and stretches with a value outside
    // the range get a mark.
    let mut whiskers = String::new();
    let mut whisker = |px: f64, low: f64, high: f64| {
        whiskers.push('M');
        push_tenths(&mut whiskers, px, '.');
        whiskers.push(' ');
        push_tenths(&mut whiskers, y(low), '.');
        whiskers.push('V');
        push_tenths(&mut whiskers, y(high), '.');
    };
    for point in data.points.iter().filter(|p| p.count > 1) {
        let px = x(point.minute);
        whisker(px, point.low, point.high);
        if let (Some(lo), Some(hi)) = (point.second_low, point.second_high) {
            whisker(px, lo, hi);
        }
    }
    let marks = data
        .points
        .iter()
        .filter(|point| point.count == 1 || point.flagged)
        .map(|point| {
            let px = x(point.minute);
            let family = point.family == 1 && point.count == 1;
            let first = marker(px, y(point.mean), point.flagged, family, false);
            let second = point
                .second_mean
                .map(|value| marker(px, y(value), point.flagged, family, true));
            view! { {first}{second} }
        })
        .collect_view();
    let empty = data.points.is_empty();
    let title = kind.label();
    let table_rows = data
        .points
        .iter()
        .rev()
        .map(|point| table_row(kind, point))
        .collect_view();
    let flagged = data
        .flagged
        .iter()
        .map(|point| {
            view! { <li><span class="flag-mark" aria-hidden="true">"▲ "</span>{value_line(kind, point)}</li> }
        })
        .collect_view();
    let flagged_more = data.flagged_more;
    let has_flagged = !data.flagged.is_empty();
    view! {
        <section class="card chart" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{title}" ("{kind.unit()}")"</h2>
            <p class="chart-summary" id=summary_id.clone()>
                {data.summary.clone().unwrap_or_else(|| text.no_values.to_string())}
            </p>
            {(!empty).then(|| view! {
                <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                    aria-labelledby=format!("{id}-titel {summary_id}")>
                    <title id=format!("{id}-titel")>{title}</title>
                    {grid}
                    <text class="tick" x=4 y=14 text-anchor="start">{kind.unit()}</text>
                    {references}
                    <line class="axis" x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM/>
                    {day_labels}
                    <polyline class="series first" points=first_line/>
                    {kind.has_second().then(|| view! { <polyline class="series second" points=second_line.clone()/> })}
                    {(!whiskers.is_empty()).then(|| view! { <path class="range" d=whiskers.clone()/> })}
                    {marks}
                </svg>
                <p class="chart-legend">{kind.legend()}" "{text.legend_marks}</p>
            })}
            {has_flagged.then(|| view! {
                <h3>{text.outside_range}</h3>
                <ul class="flagged">{flagged}</ul>
                {(flagged_more > 0).then(|| view! { <p>{text.flagged_more.of(flagged_more as i64)}</p> })}
            })}
            {(!empty).then(|| view! {
                <details class="chart-table">
                    <summary>{text.show_table}</summary>
                    // A table of three columns scrolls within itself on a
                    // narrow phone at the largest text, not the whole page.
                    <div class="table-scroll" tabindex="0" role="region" aria-label=title><table>
                        <caption class="visually-hidden">{title}</caption>
                        <thead><tr>
                            <th scope="col">{text.col_when}</th>
                            <th scope="col">{text.col_value}</th>
                            <th scope="col">{text.col_by}</th>
                        </tr></thead>
                        <tbody>{table_rows}</tbody>
                    </table></div>
                </details>
            }
            // Type-erased: the whole chart as one view type is deeper than
            // the compiler follows in a release build without erased components.
            .into_any())}
        </section>
    }
}

/// A value's mark: a circle, or a triangle when outside the range (shape as
/// well as colour); hollow when measured at home; a square for the second series.
fn marker(x: f64, y: f64, flagged: bool, family: bool, second: bool) -> AnyView {
    let class = format!(
        "mark{}{}",
        if flagged { " flagged" } else { "" },
        if family { " family" } else { "" }
    );
    if flagged {
        let mut points = String::with_capacity(36);
        push_pair(&mut points, x, y - 6.0);
        points.push(' ');
        push_pair(&mut points, x - 5.5, y + 4.0);
        points.push(' ');
        push_pair(&mut points, x + 5.5, y + 4.0);
        view! { <polygon class=class points=points/> }.into_any()
    } else if second {
        view! { <rect class=class x=coordinate(x - 3.5) y=coordinate(y - 3.5) width=7 height=7/> }
            .into_any()
    } else {
        view! { <circle class=class cx=coordinate(x) cy=coordinate(y) r=4/> }.into_any()
    }
}

fn table_row(kind: Kind, point: &Point) -> impl IntoView {
    let text = crate::i18n::t().dossier;
    view! {
        <tr class:flagged=point.flagged>
            <td>{when_text(point)}</td>
            <td>{value_text(kind, point)}{point.flagged.then(|| view! { " "<strong>{text.outside_short}</strong> })}</td>
            <td>{by_text(point)}</td>
        </tr>
    }
}

/// Three or four dates along the time axis, at their minute.
fn axis_days(first: &str, last: &str) -> Vec<(i64, String)> {
    let parse = |day: &str| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let days = (last - first).num_days().max(1);
    (0..=3)
        .map(|i| first + chrono::Days::new((days * i / 3) as u64))
        .map(|day| {
            let minute = (day - first).num_days() * 24 * 60;
            let label = if days > 120 {
                format!("{} {}", month_short(day), day.format("%Y"))
            } else {
                format!("{} {}", day.format("%-d"), month_short(day))
            };
            (minute, label)
        })
        .collect()
}

fn month_short(day: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    crate::i18n::t().dossier.month_short_names[day.month0() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(60.0, 80.0), vec![60.0, 65.0, 70.0, 75.0, 80.0]);
        assert_eq!(ticks(3.0, 11.0), vec![4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn coordinates_are_written_to_a_tenth() {
        assert_eq!(coordinate(52.0 + 576.0 * 0.333), "243.8");
        let mut pair = String::new();
        push_pair(&mut pair, 610.05, 34.0);
        assert_eq!(pair, "610.1,34");
    }
}
