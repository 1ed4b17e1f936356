"""Accessibility checks run in the page: landmarks, labels, captions, inline styles,
overflow, text alternatives of charts, and WCAG contrast ratios from computed colours.

`page_problems(page)` returns a list of readable problems (empty when the page is fine),
so that a sweep over many pages can report all of them at once.
"""

from __future__ import annotations

import re
from pathlib import Path

_INLINE_STYLE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S)
_INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
# A JSON data block (schema.org JSON-LD, json_script) is never executed, so the CSP allows it.
_INLINE_SCRIPT = re.compile(
    r'<script(?![^>]*\ssrc=)(?![^>]*\stype="application/(?:ld\+)?json")[^>]*>', re.S
)


def markup_problems(html: str) -> list[str]:
    """What the server sent, before any script ran: no style=, no on...=, no inline script
    (the Content-Security-Policy forbids them)."""
    problems = []
    for pattern, what in [
        (_INLINE_STYLE, "style attribute"),
        (_INLINE_HANDLER, "on...= attribute"),
        (_INLINE_SCRIPT, "inline <script>"),
    ]:
        for match in pattern.finditer(html):
            problems.append(f"{what} in the HTML: {match.group(0)[:80]}")
    return problems


# Records CSP violations from the first script on; added to every browser context.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""

_CHECKS_JS = r"""
() => {
  const problems = [];
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    // inside a closed <details>: not shown (its summary is)
    const details = el.closest('details');
    if (details && !details.open && !el.closest('summary')) return false;
    return true;
  };
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (el.name) text += '[name=' + el.name + ']';
    if (el.className && typeof el.className === 'string')
      text += '.' + el.className.trim().split(/\s+/).join('.');
    return text;
  };

  if (!document.documentElement.lang) problems.push('<html> without lang');
  let level = 0;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const next = Number(heading.tagName[1]);
    if (level && next > level + 1)
      problems.push(`heading level skipped: h${level} then h${next} `
                    + `"${heading.textContent.trim().slice(0, 40)}"`);
    level = next;
  }
  // WCAG 2.2 target size (minimum): buttons and form fields at least 24 x 24 px
  const targets = 'button, .button, select, '
    + 'input:not([type=hidden]):not([type=checkbox]):not([type=radio])';
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 24 || rect.height < 24)
      problems.push(`target smaller than 24 px `
                    + `(${Math.round(rect.width)}x${Math.round(rect.height)}): ` + describe(el));
  }

  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(`${h1s.length} <h1> elements (want exactly 1)`);
  if (document.querySelectorAll('main').length !== 1) problems.push('no single <main> landmark');
  if (!document.querySelector('header')) problems.push('no <header>');
  const navs = [...document.querySelectorAll('nav')];
  if (!navs.length) problems.push('no <nav>');
  for (const nav of navs) {
    if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby'))
      problems.push('nav without aria-label: ' + describe(nav));
  }

  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !visible(el)) continue;
    const labelled = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`))
      || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!labelled) problems.push('form control without label: ' + describe(el));
  }

  for (const table of document.querySelectorAll('table')) {
    const caption = table.querySelector(':scope > caption');
    if (!(caption && caption.textContent.trim()) && !table.getAttribute('aria-label')
        && !table.getAttribute('aria-labelledby'))
      problems.push('table without caption or aria-label: ' + describe(table));
  }

  // (an empty style="" is what Playwright's screenshot leaves on form fields; not markup)
  for (const el of document.querySelectorAll('[style]:not([style=""])')) {
    problems.push('style attribute on ' + describe(el));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) problems.push(`${attr}= attribute on ` + describe(el));
    }
  }
  for (const script of document.querySelectorAll('script')) {
    // A JSON data block (JSON-LD, json_script) is never executed; the CSP allows it.
    const data = /^application\/(ld\+)?json$/.test(script.type);
    if (!script.src && !data) problems.push('inline <script>');
  }

  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('img without alt: ' + (img.src || describe(img)));
  }
  for (const svg of document.querySelectorAll('body svg')) {
    if (svg.getAttribute('aria-hidden') === 'true' || svg.closest('[aria-hidden="true"]')) continue;
    const named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby')
      || svg.querySelector(':scope > title');
    if (!(svg.getAttribute('role') === 'img' && named))
      problems.push('svg without role="img" and a text alternative: ' + describe(svg));
    const ref = svg.getAttribute('aria-labelledby');
    if (ref) for (const id of ref.split(/\s+/)) {
      if (!document.getElementById(id))
        problems.push(`svg aria-labelledby points to missing #${id}`);
    }
  }

  // every aria-labelledby / aria-describedby / label[for] / href="#x" points to something
  for (const el of document.querySelectorAll('[aria-labelledby], [aria-describedby]')) {
    for (const attr of ['aria-labelledby', 'aria-describedby']) {
      const value = el.getAttribute(attr);
      if (!value) continue;
      for (const id of value.split(/\s+/)) {
        if (!document.getElementById(id))
          problems.push(`${attr}="${id}" missing on ` + describe(el));
      }
    }
  }
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, count] of ids) if (count > 1) problems.push(`duplicate id "${id}" (${count}x)`);

  const width = document.documentElement.clientWidth;
  if (window.innerWidth <= 400 && document.documentElement.scrollWidth > 390 + 1) {
    // name the widest culprits to make the report useful
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-wrap'))
      .slice(0, 3).map(describe);
    const scroll = document.documentElement.scrollWidth;
    problems.push(`horizontal overflow: scrollWidth ${scroll} > 391 (${wide.join(', ')})`);
  }
  for (const violation of (window.__cspViolations || []))
    problems.push('CSP violation: ' + violation);
  return problems;
}
"""

_CONTRAST_JS = r"""
(selectors) => {
  const parse = (colour) => {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) { layers.push(colour); if (colour.a >= 1) break; }
    }
    let result = {r: 255, g: 255, b: 255, a: 1};
    for (const layer of layers.reverse()) result = blend(layer, result);
    return result;
  };
  const luminance = ({r, g, b}) => {
    const channel = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const results = [];
  for (const selector of selectors) {
    const el = [...document.querySelectorAll(selector)].find((e) => {
      const rect = e.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && e.textContent.trim();
    });
    if (!el) continue;
    const bg = background(el);
    const fg = blend(parse(getComputedStyle(el).color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    results.push({selector, ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
                  color: getComputedStyle(el).color, background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`});
  }
  return results;
}
"""

# Key text elements: body text, links, the header's nav links, buttons, muted text, hints,
# labels, the skip link when focused is checked separately.
CONTRAST_SELECTORS = [
    "main p",
    "main a:not(.button)",
    ".site-nav a",
    ".site-header__brand",
    ".site-header__account a",
    ".site-header button",
    "main button",
    "main .button",
    "main .button--secondary",
    ".muted",
    ".hint",
    "label",
    "legend",
    "caption",
    "th",
    ".tag",
    ".site-footer p",
    ".field-error",
    ".error-summary a",
    ".message",
    ".tag--draft",
    ".tag--approved",
    ".tag--submitted",
    "summary",
    "dt",
    "dd",
    "td",
    ".breadcrumbs a",
    "[aria-current='page']",
]


def page_problems(page) -> list[str]:
    return page.evaluate(_CHECKS_JS)


def contrast(page, selectors=CONTRAST_SELECTORS) -> list[dict]:
    return page.evaluate(_CONTRAST_JS, selectors)


def low_contrast(page, minimum: float = 4.5) -> list[str]:
    return [
        f"contrast {item['ratio']} < {minimum} for {item['selector']} "
        f"({item['color']} on {item['background']})"
        for item in contrast(page)
        if item["ratio"] < minimum
    ]


def skip_link_problems(page, tab_stops: int = 6) -> list[str]:
    """Tab from the top: the first focus is the skip link, visibly; Enter moves focus to #main."""
    problems = []
    if page.locator("[autofocus]").count():
        # The page puts focus in its first field on purpose; the skip link must still be the
        # first thing to tab to from the top of the document.
        first = page.evaluate(
            """() => { const el = document.querySelector(
                 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]');
               return el && el.getAttribute('href'); }"""
        )
        if first != "#main":
            problems.append(f"the first focusable element is not the skip link ({first})")
        return problems
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement; const style = getComputedStyle(el);
          const rect = el.getBoundingClientRect();
          return {cls: el.className, href: el.getAttribute('href'), outline: style.outlineStyle,
                  outlineWidth: parseFloat(style.outlineWidth), boxShadow: style.boxShadow,
                  inView: rect.bottom > 0 && rect.top < innerHeight
                          && rect.width > 1 && rect.height > 1}; }"""
    )
    if focused["href"] != "#main":
        problems.append(f"first Tab focuses {focused} instead of the skip link")
        return problems
    has_indicator = (focused["outline"] != "none" and focused["outlineWidth"] > 0) or (
        focused["boxShadow"] not in ("none", "")
    )
    if not has_indicator:
        problems.append("skip link has no visible focus indicator")
    if not focused["inView"]:
        problems.append("skip link is not visible when focused")
    page.keyboard.press("Enter")
    active = page.evaluate("() => document.activeElement.id")
    if active != "main":
        problems.append(f"skip link moves focus to #{active or '(body)'} instead of #main")
    # The next stops after the skip link each show where the focus is.
    for _ in range(tab_stops):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS_JS)
        if focus and not focus["indicator"]:
            problems.append(f"no visible focus indicator on {focus['what']}")
    return problems


_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Tab inside a date field walks its own parts (day, month, year, calendar button), which
  // Chrome marks itself; only the field's first stop shows our ring.
  if (/^(date|time|datetime-local|month|week)$/.test(el.type) && !el.matches(':focus-visible'))
    return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  let what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  if (el.textContent.trim()) what += ' "' + el.textContent.trim().slice(0, 30) + '"';
  return {indicator: outline || shadow, what};
}"""


# axe-core (the npm package, `npm ci` at the repository root) ---------------------------------

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_AXE_RUN_JS = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')), count: v.nodes.length,
  }));
}
"""


def axe_source() -> str:
    """The axe-core script. Missing is an error, never a skip: CI must not pass without axe."""
    if not AXE_PATH.exists():
        raise RuntimeError(
            f"{AXE_PATH} is missing: run `npm ci` at the repository root (package.json lists "
            "axe-core); the accessibility sweep cannot run without it"
        )
    return AXE_PATH.read_text(encoding="utf-8")


_AXE_SOURCE: list[str] = []


def _axe_source_cached() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(axe_source())
    return _AXE_SOURCE[0]


def axe_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules in the page; one line per violated rule.

    The script is injected with `page.evaluate` (once per document), which runs through the
    DevTools protocol, so the page's strict Content-Security-Policy (no inline script) does
    not block it, and the page's own markup stays exactly what the server sent.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source_cached())
    return [
        f"axe {v['id']} ({v['impact']}, {v['count']}x): {v['help']} at {', '.join(v['nodes'])}"
        for v in page.evaluate(_AXE_RUN_JS, AXE_TAGS)
    ]
