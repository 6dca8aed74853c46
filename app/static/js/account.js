// The account page: make an API token (shown once) and revoke tokens.

import { el, postJSON, sendJSON } from "./util.js";

const status = document.getElementById("token-status");
const tbody = document.querySelector("#tokens tbody");

function say(text, error = false) {
  status.className = error ? "status error" : "status";
  status.textContent = text;
}

async function revoke(button) {
  const id = button.dataset.tokenId;
  button.disabled = true;
  try {
    await sendJSON("DELETE", `/auth/tokens/${encodeURIComponent(id)}`);
    button.closest("tr").remove();
    say("Revoked: the token no longer works.");
  } catch (e) {
    say(e.message, true);
    button.disabled = false;
  }
}

for (const button of document.querySelectorAll("button.revoke")) {
  button.addEventListener("click", () => revoke(button));
}

document.getElementById("token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const days = document.getElementById("token-days").value;
  try {
    const made = await postJSON("/auth/tokens", {
      name: document.getElementById("token-name").value,
      role: document.getElementById("token-role").value,
      expires_in_days: days ? Number(days) : null,
    });
    document.getElementById("token-value").textContent = made.token;
    document.getElementById("token-new").hidden = false;
    tbody.querySelector("tr.empty")?.remove();
    const button = el("button", { type: "button", class: "revoke", text: "Revoke" });
    button.dataset.tokenId = String(made.id);
    button.addEventListener("click", () => revoke(button));
    tbody.appendChild(
      el("tr", { dataset: { tokenId: String(made.id) } },
        el("td", { text: made.name }), el("td", {}, el("code", { text: `${made.prefix}…` })),
        el("td", { text: made.role }), el("td", { text: made.created_at }),
        el("td", { text: made.expires_at || "never" }), el("td", { text: "—" }),
        el("td", {}, button)),
    );
    say("Token made.");
  } catch (e) {
    say(e.message, true);
  }
});
