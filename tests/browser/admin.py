"""Steps staff take in the Wagtail admin, shared by the browser tests."""


def sign_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", password)
    page.press("[name=password]", "Enter")
    page.wait_for_url("**/admin/")


def open_action_form(page, inspect_path, action):
    """The inspect page's form for `action` (e.g. "answer"), unfolded."""
    page.goto(inspect_path)
    form = page.locator(f"details:has(form[action$='/{action}/'])")
    form.locator("summary").click()
    return form
