// PurgeCSS (pinned in package.json) keeps only the Bootstrap rules that Pulse's pages can
// use: the Makefile's assets step runs it over Bootstrap's CSS into
// static/vendor/bootstrap/bootstrap.pulse.min.css, which base.html links instead of the
// full 230 KB file (91–95% of it unused on every page, and render-blocking).
//
// Content: our templates and JavaScript, the Python that names classes (forms, template
// tags), and crispy-bootstrap5's own templates, whose directory the Makefile passes in
// $CRISPY_TEMPLATES.  The safelist holds what JavaScript adds at run time: Bootstrap's
// collapse (the navbar), its transitions and our own toggles.
const crispy = process.env.CRISPY_TEMPLATES;
if (!crispy) throw new Error("set CRISPY_TEMPLATES to crispy_bootstrap5's templates folder");

module.exports = {
  css: ["node_modules/bootstrap/dist/css/bootstrap.min.css"],
  content: [
    "templates/**/*.html",
    "static/js/**/*.js",
    "{articles,authors,comments,core}/{forms,templatetags/*}.py",
    `${crispy}/**/*.html`,
  ],
  safelist: {
    standard: [/^collaps/, "show", "fade", "d-none", "was-validated", "is-invalid", "active",
      "disabled", /^navbar-expand/],
    greedy: [/^navbar-collapse/],
  },
  variables: true,
  keyframes: true,
  fontFace: true,
};
