// Builds the stylesheet and copies GOV.UK Frontend's JavaScript into the Django static
// folder. Pinned versions come from package-lock.json; nothing is fetched at run time.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "scrutiny/static/scrutiny";
mkdirSync(`${out}/css`, { recursive: true });
mkdirSync(`${out}/js`, { recursive: true });

const result = sass.compile("frontend/scss/scrutiny.scss", {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/css/scrutiny.css`, result.css);
copyFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`);
console.log(`built ${out}/css/scrutiny.css (${result.css.length} bytes)`);
