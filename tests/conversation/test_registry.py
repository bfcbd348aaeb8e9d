"""The registry flows declare themselves in, and the real table the bot dispatches from."""

from __future__ import annotations

import pytest

from bot.conversation.context import Turn
from bot.conversation.protocol import ACTIONS, AskPerson, Awaiting, ClaimTicket, ShowMenu
from bot.conversation.registry import Audience, Command, DeskFlow, Flow, Registry, TextHandler
from bot.conversation.replies import Reply
from bot.flows import REGISTRY, USER_COMMANDS
from bot.runtime import Loaded


async def command(turn: Turn, args: str) -> list[Reply]:
    return []


async def button(turn: Turn, action: object) -> list[Reply]:
    return []


async def desk_command(services: object, actor: object, args: str) -> list[Reply]:
    return []


def text_handler(name: str) -> TextHandler:
    async def handler(turn: Turn, text: str) -> list[Reply] | None:
        return [Reply(name)]

    handler.__name__ = name
    return handler


def test_a_command_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="declared twice: 'help'"):
        Registry.of(Flow(commands=(Command("help", command),)), Flow(commands=(Command("help", command),)))
    with pytest.raises(ValueError, match="declared twice"):
        Registry.of(Flow(commands=(Command("menu", command), Command("menu", command, Audience.ADMIN))))


def test_an_action_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="ShowMenu"):
        Registry.of(Flow(buttons={ShowMenu: button}), Flow(buttons={ShowMenu: button}))


def test_a_waiting_state_claimed_twice_is_refused() -> None:
    first = Flow(on_text={Awaiting.DISTRICT: text_handler("a")})
    second = Flow(on_text={Awaiting.DISTRICT: text_handler("b")})
    with pytest.raises(ValueError, match="district"):
        Registry.of(first, second)


def test_many_flows_may_take_any_text() -> None:
    registry = Registry.of(Flow(on_text={None: text_handler("a")}), Flow(on_text={None: text_handler("b")}))
    assert [h.__name__ for h in registry.any_text] == ["a", "b"]


def test_the_desk_may_not_shadow_a_newcomers_command_or_button() -> None:
    user = Flow(commands=(Command("queue", command),), buttons={ClaimTicket: button})
    with pytest.raises(ValueError, match="queue"):
        Registry.of(user, desk=DeskFlow(commands={"queue": desk_command}))
    with pytest.raises(ValueError, match="ClaimTicket"):
        Registry.of(user, desk=DeskFlow(buttons={ClaimTicket: button}))
    ok = Registry.of(Flow(commands=(Command("help", command),)), desk=DeskFlow(commands={"queue": desk_command}))
    assert set(ok.commands) == {"help"} and set(ok.desk.commands) == {"queue"}


def test_menu_lists_only_the_newcomers_commands_in_declaration_order() -> None:
    registry = Registry.of(
        Flow(
            commands=(Command("start", command), Command("reload", command, Audience.ADMIN), Command("menu", command))
        ),
        Flow(commands=(Command("help", command), Command("stats", command, Audience.DESK))),
        desk=DeskFlow(commands={"queue": desk_command}),
    )
    assert registry.menu() == ("start", "menu", "help")


def test_text_handlers_put_the_waiting_states_own_handler_first_then_any_text_in_flow_order() -> None:
    registry = Registry.of(
        Flow(on_text={None: text_handler("ticket")}),
        Flow(on_text={Awaiting.DISTRICT: text_handler("postcode"), None: text_handler("question")}),
        Flow(on_text={Awaiting.HANDOFF: text_handler("details")}),
    )

    def names(state: Awaiting | None) -> list[str]:
        return [h.__name__ for h in registry.text_handlers(state)]

    assert names(Awaiting.DISTRICT) == ["postcode", "ticket", "question"]
    assert names(Awaiting.HANDOFF) == ["details", "ticket", "question"]
    assert names(Awaiting.LANGUAGE) == ["ticket", "question"]  # no own handler
    assert names(None) == ["ticket", "question"]


# --- the real registry ------------------------------------------------------------------------


@pytest.mark.parametrize("cls", sorted(ACTIONS.values(), key=lambda c: c.code), ids=lambda c: c.__name__)
def test_every_action_has_exactly_one_handler_on_the_user_or_the_desk_side(cls: type) -> None:
    assert (cls in REGISTRY.buttons) != (cls in REGISTRY.desk.buttons)


def test_desk_buttons_are_not_pressable_by_newcomers() -> None:
    assert ClaimTicket in REGISTRY.desk.buttons and ClaimTicket not in REGISTRY.buttons
    assert AskPerson in REGISTRY.buttons


def command_keys(loaded: Loaded, lang: str) -> set[str]:
    return {key.removeprefix("commands.") for key in loaded.locales.strings[lang] if key.startswith("commands.")}


def test_every_command_the_locales_describe_is_a_newcomers_command(loaded: Loaded) -> None:
    for lang in loaded.locales.languages:
        for name in command_keys(loaded, lang):
            assert name in REGISTRY.commands, (lang, name)
            assert REGISTRY.commands[name].audience is Audience.USER, (lang, name)


def test_every_menu_command_has_a_description_in_every_language(loaded: Loaded) -> None:
    # Telegram's command menu shows locales' commands.<name>; a missing key would show the key itself
    assert REGISTRY.menu() == USER_COMMANDS
    for lang in loaded.locales.languages:
        assert command_keys(loaded, lang) == set(USER_COMMANDS), lang


def test_admin_and_desk_commands_stay_out_of_the_menu() -> None:
    admin = {name for name, c in REGISTRY.commands.items() if c.audience is not Audience.USER}
    assert {"reload", "stats"} <= admin
    assert not admin & set(USER_COMMANDS)
    assert not set(REGISTRY.desk.commands) & set(USER_COMMANDS)
