// A live region on <body>, outside Material's swapped container so it survives
// instant navigation. Created once and empty: screen readers announce changes
// to a region that already exists, not a region's first content.
export function liveRegion(id, { tag = "div", className = "", attributes = {} } = {}) {
  let region = document.getElementById(id);
  if (!region) {
    region = document.createElement(tag);
    region.id = id;
    if (className) region.className = className;
    for (const [name, value] of Object.entries(attributes)) region.setAttribute(name, value);
    document.body.append(region);
  }
  return region;
}
