// Every page: the header's "Sign out" ends the session (POST /auth/logout, with the CSRF
// header) and goes back to the start page. Who is signed in is in the header and in
// document.body.dataset.role, rendered by the server.

import { postJSON } from "./util.js";

const button = document.getElementById("sign-out");
if (button) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await postJSON("/auth/logout", {});
    } finally {
      window.location.assign("/");
    }
  });
}
