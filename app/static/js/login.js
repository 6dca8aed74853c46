// The sign-in page: posts the name and password to /auth/login (JSON, with the CSRF header),
// then goes where the visitor was sent from (a path on this site only).

import { HttpError, postJSON, safeHref } from "./util.js";

const form = document.getElementById("login-form");
const status = document.getElementById("login-status");

function destination() {
  const next = form.dataset.next || "/";
  const href = safeHref(next);
  return href === "#" || next.startsWith("/login") ? "/" : href;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const submit = document.getElementById("login-submit");
  submit.disabled = true;
  status.className = "status";
  status.textContent = "Signing in…";
  try {
    await postJSON("/auth/login", {
      name: document.getElementById("login-name").value,
      password: document.getElementById("login-password").value,
    });
    window.location.assign(destination());
  } catch (e) {
    status.className = "status error";
    if (e instanceof HttpError && e.status === 403) {
      status.textContent = "The page is out of date: reload it and sign in again.";
    } else {
      status.textContent = e.message;
    }
    document.getElementById("login-password").value = "";
    submit.disabled = false;
  }
});
