"""Render a case with a letter template into a LetterDocument, the form both exporters read."""

from __future__ import annotations

import itertools
import traceback
from types import CodeType
from typing import Any

from jinja2 import Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateRuntimeError

from desktop_app.domain.case import Case
from desktop_app.domain.case_terms import MEDICARE_PLANS
from desktop_app.domain.practice import PracticeSettings
from desktop_app.errors import TemplateError
from desktop_app.knowledge.one_letter import case_only_read
from desktop_app.letters.budget import collect_output, render_budget
from desktop_app.letters.context import LETTER_TITLES, build_context
from desktop_app.letters.document import (
    DocumentInfo,
    LetterDocument,
    Letterhead,
    RunningHeader,
    SignatureBlock,
)
from desktop_app.letters.environment import ENVIRONMENT, format_date
from desktop_app.letters.frontmatter import jinja_source
from desktop_app.letters.markup import parse_letter_markup
from desktop_app.letters.page_words import page_words
from desktop_app.letters.syntax_words import syntax_words
from desktop_app.letters.template_cache import cached_code, keep_code
from desktop_app.letters.template_shape import check_template_shape, nesting_error
from desktop_app.letters.templates import LetterTemplate

TEMPLATE_FILENAME = "<letter template>"
_COMPILED: dict[str, Template] = {}


def compile_template(template: LetterTemplate) -> Template:
    """The compiled Jinja template, cached by content hash; TemplateError on a syntax error."""
    cached = _COMPILED.get(template.content_hash)
    if cached is not None:
        return cached
    source = jinja_source(template.source, template.front_matter_end)
    bucket, code = cached_code(ENVIRONMENT, template.id, source)
    if code is None:
        code = _compile(template, source)
        keep_code(bucket, code)  # kept only once it compiled: a cached one passed every check
    compiled = ENVIRONMENT.template_class.from_code(
        ENVIRONMENT, code, ENVIRONMENT.make_globals(None), None
    )
    if len(_COMPILED) > 64:
        _COMPILED.clear()
    _COMPILED[template.content_hash] = compiled
    return compiled


def _compile(template: LetterTemplate, source: str) -> CodeType:
    try:
        check_template_shape(ENVIRONMENT, source)
        code = ENVIRONMENT.compile(source, name=template.id, filename=TEMPLATE_FILENAME)
    except TemplateError as exc:
        exc.file = exc.file or _file(template)
        raise
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {syntax_words(exc.message)}",
            file=_file(template),
            line=syntax_error_line(source, exc),
        ) from None
    except (RecursionError, SyntaxError, MemoryError):
        # Past the shape checks still too deep for Jinja or for Python's own compiler.
        raise nesting_error().with_file(_file(template)) from None
    return code


def render_markup(template: LetterTemplate, context: dict[str, Any]) -> str:
    """Run the template; every failure becomes a TemplateError with the template line."""
    compiled = compile_template(template)
    try:
        return _render_within_budget(compiled, context)
    except TemplateError as exc:
        exc.file = exc.file or _file(template)
        exc.line = exc.line or template_line(exc)
        raise
    except SecurityError as exc:
        raise TemplateError(
            f"the template tried to reach something templates may not use ({exc.message})",
            file=_file(template),
            line=template_line(exc),
            hint="templates may only read the case, facts, citations and cite()",
        ) from None
    except UndefinedError as exc:
        message = f"the template failed: {exc.message}"
        if (exc.message or "").startswith("'None' has no attribute"):
            message = (
                f"the template used an optional value that is empty in this case "
                f"({exc.message}); guard it with {{% if ... %}}"
            )
        raise TemplateError(message, file=_file(template), line=template_line(exc)) from None
    except (TemplateRuntimeError, TemplateAssertionError) as exc:
        raise TemplateError(
            f"the template failed: {exc.message}", file=_file(template), line=template_line(exc)
        ) from None
    except RecursionError as exc:
        raise TemplateError(
            "the template calls a macro inside itself without end and was stopped",
            file=_file(template),
            line=template_line(exc),
            hint="a macro must not call itself",
        ) from None
    except OverflowError as exc:
        raise TemplateError(
            "the template made a number too large to work with",
            file=_file(template),
            line=template_line(exc),
        ) from None
    except MemoryError as exc:
        raise TemplateError(
            "the template used more memory than a letter may and was stopped",
            file=_file(template),
            line=template_line(exc),
        ) from None
    except TypeError as exc:
        raise TemplateError(
            _type_error_words(exc), file=_file(template), line=template_line(exc)
        ) from None
    except Exception as exc:  # noqa: BLE001  a template bug must reach the user as one line
        # The type only: the exception text could quote patient data.
        raise TemplateError(
            f"the template failed ({type(exc).__name__})",
            file=_file(template),
            line=template_line(exc),
        ) from None


def _render_within_budget(compiled: Template, context: dict[str, Any]) -> str:
    """Template.render, but the output and the clock are checked as each piece arrives."""
    with render_budget():
        state = compiled.new_context(context)
        try:
            return collect_output(compiled.root_render_func(state))
        except Exception:  # Jinja rewrites the traceback to template lines
            compiled.environment.handle_exception()
            raise  # unreachable: handle_exception always raises


_BLOCK_TAGS = ("if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans")


def syntax_error_line(source: str, exc: TemplateSyntaxError) -> int:
    """The line to fix: where an unclosed tag or block began, not where Jinja noticed it."""
    message = exc.message or ""
    try:
        tokens = [t for t in ENVIRONMENT.lex(source) if t[1] != "whitespace"]
    except TemplateSyntaxError:
        # The lexer stopped inside a tag, often on a later line than the '{{' left open.
        return _unclosed_tag_line(source, exc.lineno) or exc.lineno
    if message.startswith("Unexpected end of template"):
        return _unclosed_block_line(tokens) or exc.lineno
    if message.startswith(("unexpected '", "unexpected char")):
        return _unclosed_tag_line(source, exc.lineno) or exc.lineno
    if message.startswith("expected token 'end of"):
        starts = [
            line
            for line, kind, _ in tokens
            if kind in ("block_begin", "variable_begin") and line <= exc.lineno
        ]
        return starts[-1] if starts else exc.lineno
    return exc.lineno


_TAG_PAIRS = {"{{": "}}", "{%": "%}"}


def _unclosed_tag_line(source: str, lineno: int) -> int | None:
    """The line of the first '{{' or '{%' (up to `lineno`) not closed before the next one opens."""
    position = 0
    while True:
        found = [(source.find(opener, position), opener) for opener in _TAG_PAIRS]
        found = [(at, opener) for at, opener in found if at >= 0]
        if not found:
            return None
        start, opener = min(found)
        line = source.count("\n", 0, start) + 1
        if line > lineno:
            return None
        close = source.find(_TAG_PAIRS[opener], start + 2)
        following = [at for at in (source.find(o, start + 2) for o in _TAG_PAIRS) if at >= 0]
        if close < 0 or (following and min(following) < close):
            return line
        position = close + 2


def _unclosed_block_line(tokens: list[tuple[int, str, str]]) -> int | None:
    open_blocks: list[int] = []
    for (line, kind, _), (_, next_kind, name) in itertools.pairwise(tokens):
        if kind != "block_begin" or next_kind != "name":
            continue
        if name in _BLOCK_TAGS:
            open_blocks.append(line)
        elif name.startswith("end") and open_blocks:
            open_blocks.pop()
    return open_blocks[-1] if open_blocks else None


def _type_error_words(exc: TypeError) -> str:
    """Plain words for the usual slip: looping over or using an optional value that is empty."""
    if "NoneType" in str(exc):
        return (
            "the template used an optional value that is empty in this case; "
            "guard it with {% if ... %}"
        )
    return "the template combined values of the wrong kinds (TypeError)"


def template_line(exc: BaseException) -> int | None:
    """The template line Jinja's rewritten traceback points at (front matter included)."""
    line = getattr(exc, "lineno", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == TEMPLATE_FILENAME and frame.lineno:
            line = frame.lineno
    return line if isinstance(line, int) else None


def render_document(
    case: Case,
    template: LetterTemplate,
    *,
    settings: PracticeSettings | None = None,
    signature: SignatureBlock | None = None,
    page_count: int | str | None = None,
) -> LetterDocument:
    """The letter for `case`; TemplateError (file, line, plain words) if the template fails.

    `settings` (letterhead, directory) are handed in by services; None renders without a
    letterhead, as a practice that has set none. Letters read no settings of their own."""
    settings = settings if settings is not None else PracticeSettings()
    letterhead = letterhead_for(case, settings)
    with case_only_read():  # the facts only read the case: its content is written out once
        context = build_context(case, letterhead, page_count)
    markup = render_markup(template, context)
    signature = signature or default_signature(case)
    references = [list(c.runs) for c in context["citations"]]
    try:
        blocks = parse_letter_markup(markup, references, signature)
    except TemplateError as exc:
        exc.file = _file(template)
        raise
    return LetterDocument(
        blocks=blocks,
        # A brief stays in the practice: the letterhead is for what goes to a payer, and the
        # brief must fit one page.
        letterhead=Letterhead() if template.kind == "brief" else letterhead,
        header=running_header(case, template.language),
        language=template.language,
        info=DocumentInfo(
            title=LETTER_TITLES.get(template.kind, template.title),
            subject=template.title,
            author=case.prescriber.name.strip(),
            template_id=template.id,
            template_version=template.version,
            keywords="prior authorization; off-label; oncology",
        ),
    )


def running_header(case: Case, language: str = "en") -> RunningHeader:
    """The patient line every page repeats; a packet repeats the same words (services.packet).

    Where the member ID is the patient's Medicare number, it is shown as the letter's own
    table shows it ("MBI: 1EG4-TE5-MK73"), so the number never appears in two spellings."""
    words = page_words(language)
    member_id, label = case.payer.member_id.strip(), words.member_id
    mbi = (case.patient.mbi or "").strip()
    if (case.payer.plan_type in MEDICARE_PLANS and mbi and member_id
            and _bare_id(mbi) == _bare_id(member_id)):
        member_id, label = mbi, words.medicare_number
    return RunningHeader(
        patient_name=case.patient.name.strip(),
        dob=format_date(case.patient.dob, "short"),
        member_id=member_id,
        member_id_label=label,
        patient_label=words.patient,
        dob_label=words.dob,
    )


def _bare_id(value: str) -> str:
    return "".join(value.split()).replace("-", "").upper()


def letterhead_for(case: Case, settings: PracticeSettings) -> Letterhead:
    """The practice letterhead from settings; the prescriber's practice when none is set."""
    head = settings.letterhead
    if head.is_set:
        return Letterhead(head.name, head.address, head.phone, head.fax, head.email, head.logo_path)
    doctor = case.prescriber
    return Letterhead(
        practice_name=(doctor.practice or "").strip(),
        address=(doctor.address or "").strip(),
        phone=(doctor.phone or "").strip(),
        fax=(doctor.fax or "").strip(),
        email=(doctor.email or "").strip(),
    )


def default_signature(case: Case) -> SignatureBlock:
    """An unsigned block: the physician signs later (image or certificate) in the sign step."""
    doctor = case.prescriber
    return SignatureBlock(
        name=doctor.name.strip(),
        credentials=(doctor.credentials or "").strip(),
        npi=doctor.npi.strip(),
        date_text=format_date(case.letter.date),
    )


def _file(template: LetterTemplate) -> str:
    return template.path.name if template.path else f"template '{template.id}'"
