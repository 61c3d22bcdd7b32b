"""Texts of signing in, signing up, codes, passwords and signing out."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.accounts.auth import mask_email
from bot.services.accounts.codes import CodeOutcome
from bot.services.accounts.errors import (
    CodeGuessesSpent,
    CodeMailsSpent,
    CodeNotAccepted,
    CodeRefused,
    PasswordCheckBusy,
    PasswordChecksExhausted,
    PasswordQueueFull,
    Weakness,
    WeakPassword,
)
from bot.services.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from bot.services.accounts.sessions import SignOutOptions, WayBack
from bot.views import format as fmt


def sign_in_prompt_text() -> str:
    return _(
        "🔐 <b>Sign in to continue</b>\n\n"
        "This needs an account: your orders, addresses, coupons and messages are kept in it.\n"
        "<b>Continue with Telegram</b> makes one in a tap. You can also sign in or sign up "
        "with an e-mail and a password."
    )


def guest_home_text(first_name: str) -> str:
    return _(
        "👋 <b>Hello, {name}!</b>\n\n"
        "You are browsing as a guest. Sign in to see your orders, coupons and messages, and "
        "to get reminders before protection, coupons and deadlines run out."
    ).format(name=fmt.quote(first_name or "—"))


def account_ready_text() -> str:
    return _(
        "✅ <b>Your account is ready.</b> It is bound to this Telegram account: opening the "
        "bot signs you in. Add an e-mail and a password in your profile to sign in elsewhere."
    )


def signed_in_text(name: str) -> str:
    return _("✅ Signed in. Welcome back, {name}!").format(name=fmt.quote(name or "—"))


def already_signed_in_text() -> str:
    return _("You are already signed in.")


def ask_email_text() -> str:
    return _("📧 Send your e-mail address.")


def bad_email_text() -> str:
    return _("That does not look like an e-mail address (like name@example.com). Send it again.")


def ask_password_text() -> str:
    return _(
        "🔑 Now send your password. I delete your message as soon as I have read it, so it "
        "does not stay in the chat."
    )


def ask_new_password_text() -> str:
    return _(
        "🔑 Make up a password: at least {min} characters, hard to guess — a few unrelated "
        "words work well. I delete your message as soon as I have read it."
    ).format(min=MIN_LENGTH)


def wrong_credentials_text(attempts_left: int) -> str:
    return (
        _("❌ Wrong e-mail or password.")
        + " "
        + ngettext(
            "{count} more try before sign-in is locked for a while.",
            "{count} more tries before sign-in is locked for a while.",
            attempts_left,
        ).format(count=attempts_left)
        + "\n"
        + _("Check Caps Lock and the keyboard layout, then send the password again.")
    )


def locked_text(until: datetime, tz: tzinfo) -> str:
    return _(
        "⏳ Too many wrong passwords. Sign-in with this e-mail is locked until {time}. "
        "You can reset the password by e-mail meanwhile."
    ).format(time=fmt.day_time(until, tz))


def password_refused_text(
    error: PasswordCheckBusy | PasswordQueueFull | PasswordChecksExhausted, tz: tzinfo
) -> str:
    """Why a password was not even checked; the form stays open for the next try."""
    match error:
        case PasswordChecksExhausted(until=until, limit=limit):
            return (
                ngettext(
                    "⏳ {count} password was tried from this Telegram account within an hour.",
                    "⏳ {count} passwords were tried from this Telegram account within an hour.",
                    limit,
                ).format(count=limit)
                + " "
                + _("You can send a password again from {time}.").format(
                    time=fmt.day_time(until, tz)
                )
            )
        case PasswordQueueFull():
            return _(
                "⏳ Many people are signing in right now. Send the password again in a few seconds."
            )
        case _:
            return _("⏳ One moment: I am still checking the password you sent before.")


def code_budget_text(error: CodeGuessesSpent | CodeMailsSpent, tz: tzinfo) -> str:
    """Why a code was not checked or not sent: an attacker's limit that a buyer rarely meets,
    so it says when the form works again rather than which limit it was."""
    time = fmt.day_time(error.resets_at, tz)
    match error:
        case CodeGuessesSpent():
            return _(
                "⏳ Too many codes were tried lately. For your safety, codes can be checked "
                "again from {time}."
            ).format(time=time)
        case CodeMailsSpent(everyone=True):
            return _(
                "⏳ Too many codes are being sent right now. Ask for a new one from {time}."
            ).format(time=time)
        case _:
            return _(
                "⏳ Enough codes have been sent for now. Use the last one you received, or ask "
                "for a new one from {time}."
            ).format(time=time)


def weak_password_text(refusal: WeakPassword) -> str:
    reasons = {
        Weakness.TOO_SHORT: _("it is shorter than {min} characters").format(min=MIN_LENGTH),
        Weakness.TOO_LONG: _("it is longer than {max} characters").format(max=MAX_LENGTH),
        Weakness.PERSONAL_INFO: _("it contains your name or e-mail"),
        Weakness.COMMON_PASSWORD: _("it is one of the most common passwords"),
        Weakness.COMMON_WORD: _("it is a common word or name"),
        Weakness.SEQUENCE: _("it is a sequence like abc or 1234"),
        Weakness.REPEAT: _("it repeats characters like aaa or abcabc"),
        Weakness.DATE: _("it is a date or a year"),
        Weakness.KEYBOARD_PATTERN: _("it is a row of keys like qwerty"),
        Weakness.GUESSABLE: _("it would be guessed quickly"),
    }
    return _("❌ Too weak: {reason}. Try another one, e.g. three unrelated words.").format(
        reason=reasons[refusal.weakness]
    )


def email_taken_text() -> str:
    return _(
        "This e-mail already has an account. Sign in with it, or reset the password if you "
        "forgot it."
    )


def code_sent_text(masked_email: str, expires_at: datetime, tz: tzinfo) -> str:
    return _(
        "📨 I sent a 6-digit code to {email}. Send it here (valid until {time}).\n"
        "No mail? Check the spam folder, or send the code again."
    ).format(email=fmt.quote(masked_email), time=fmt.day_time(expires_at, tz))


def sign_up_code_sent_text(masked_email: str, expires_at: datetime, tz: tzinfo) -> str:
    """The same words whether or not the address has an account (the mail tells which)."""
    return _(
        "📨 I sent a mail to {email}: a 6-digit code that confirms the address or, if the "
        "address already has an account, how to sign in to it. Send the code here (valid "
        "until {time}).\nNo mail? Check the spam folder, or send the code again."
    ).format(email=fmt.quote(masked_email), time=fmt.day_time(expires_at, tz))


def reset_code_sent_text(masked_email: str) -> str:
    return _(
        "📨 If an account uses {email}, a 6-digit code is on its way. Send it here.\n"
        "No mail? Check the spam folder and the spelling, or send the code again."
    ).format(email=fmt.quote(masked_email))


def code_refused_text(refused: CodeRefused) -> str:
    match refused:
        case CodeNotAccepted(outcome=CodeOutcome.EXPIRED):
            return _("⌛ The code has expired. Ask for a new one.")
        case CodeNotAccepted(outcome=CodeOutcome.MALFORMED):
            return _("The code is 6 digits, like 123456. Send it again.")
        case CodeNotAccepted(outcome=CodeOutcome.WRONG, attempts_left=left):
            return ngettext(
                "❌ Wrong code. {count} try left.",
                "❌ Wrong code. {count} tries left.",
                left,
            ).format(count=left)
    return _("❌ This code no longer works. Ask for a new one.")  # used up, or none waiting


def mail_failed_text() -> str:
    return _("⚠️ I could not send the e-mail just now. Try again in a minute.")


def password_set_text() -> str:
    return _("✅ Password changed. Other devices signed in to your account were signed out.")


def sign_out_text(options: SignOutOptions) -> str:
    head = _("🚪 <b>Sign out</b>")
    if options.way_back is WayBack.NONE:
        warning = _(
            "⚠️ Your account has no e-mail and no way back after signing out: it could never "
            "be reached again, with its orders.\n"
            "Add an e-mail first; then you can sign out and come back at any time."
        )
        if options.can_sign_out_here:  # another Telegram account still uses it
            warning += "\n" + _(
                "You can sign out on this device: your other devices stay signed in."
            )
        return f"{head}\n\n{warning}"
    about = _(
        "On a shared or borrowed device, sign out when you are done: whoever uses it next "
        "could see your orders and addresses and act as you.\n"
        "<b>Everywhere</b> also signs out every other Telegram account signed in to yours."
    )
    if options.way_back is WayBack.EMAIL and options.email is not None:
        back = _("To come back, sign in with {email}.").format(
            email=fmt.quote(mask_email(options.email))
        )
    elif options.way_back is WayBack.LINK:
        back = _("To come back, open a new sign-in link from your account on the marketplace.")
    elif options.owned_here:
        back = _(
            "To come back, press <b>Continue with Telegram</b> here: it leads back to this "
            "account, with its orders."
        )
    else:
        back = _(
            "To come back, press <b>Continue with Telegram</b> in the Telegram account that "
            "made this account."
        )
    return f"{head}\n\n{about}\n\n{back}"


def sign_out_everywhere_confirm_text(chats: int) -> str:
    return ngettext(
        "🚪 <b>Sign out everywhere?</b>\n\n"
        "{count} Telegram account is signed in to yours (this one). It will be signed out, "
        "and anything half-filled there is dropped.",
        "🚪 <b>Sign out everywhere?</b>\n\n"
        "{count} Telegram accounts are signed in to yours, this one included. All of them "
        "will be signed out, and anything half-filled there is dropped.",
        chats,
    ).format(count=fmt.number(chats))


def signed_out_text() -> str:
    return _("✅ You are signed out on this device. Your account is safe and waits for you.")


def signed_out_everywhere_text(count: int) -> str:
    return ngettext(
        "✅ Signed out on {count} device.",
        "✅ Signed out on {count} devices.",
        count,
    ).format(count=count)


def not_signed_in_text() -> str:
    return _("You are not signed in.")


def mail_subject_code() -> str:
    return _("Your Cabinet bot code")


def mail_body_code(code: str, minutes: int) -> str:
    return _(
        "Your code is {code}\n\n"
        "It works for {minutes} minutes. If you did not ask for it, ignore this mail: nothing "
        "changes without the code."
    ).format(code=code, minutes=minutes)


def mail_subject_account_exists() -> str:
    return _("You already have a Cabinet bot account")


def mail_body_account_exists(email: str) -> str:
    return _(
        "Someone (probably you) tried to sign up with {email}, but this address already has "
        "an account.\n\nTo use it, choose Sign in in the bot; if you forgot the password, "
        "choose Reset password. If it was not you, ignore this mail: nothing has changed."
    ).format(email=email)


def account_created_text() -> str:
    return _("🎉 Your account is ready and you are signed in.")


def send_text_text() -> str:
    return _("Please send it as a text message.")


def ask_reset_email_text() -> str:
    return _("🔁 Send the e-mail of your account: I will mail you a code to set a new password.")


def reset_done_text() -> str:
    return _(
        "✅ New password set, and you are signed in. Every other device was signed out, in "
        "case someone else knew the old password."
    )
