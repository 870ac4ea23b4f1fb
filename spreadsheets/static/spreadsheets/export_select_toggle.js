// The export page's "select all" checkbox, wired here instead of an inline onchange
// attribute that the Content Security Policy blocks. onSelectToggleChange comes from
// django-import-export's export_selectable_fields.js (loaded with the form's media).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", onSelectToggleChange);
  });
});
