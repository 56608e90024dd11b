"""The words of the self-service pages, in English and Simplified Chinese.

Qt's translator is for the desktop; the web pages have this small catalog: one dict per
language, keyed by message id, with ``{name}`` placeholders. The language comes from the
``gk_lang`` cookie (set by the switch on every page), else the browser's Accept-Language,
else English. tests/web/test_web_i18n.py checks that both dicts have the same keys and
placeholders.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

LANGUAGES = ("en", "zh_CN")
DEFAULT = "en"
COOKIE = "gk_lang"
#: How each language names itself on the switch.
NATIVE = {"en": "English", "zh_CN": "中文"}
HTML_LANG = {"en": "en", "zh_CN": "zh-CN"}

EN: dict[str, str] = {
    "app.title": "Self-service",
    "nav.home": "Start",
    "home.heading": "Welcome to {site}",
    "home.intro": "Declare before you come: at the gate you only show your code.",
    "home.visit": "I am visiting",
    "home.visit.hint": "Visitors and contractors: register your visit and get a pass.",
    "home.declare": "I work here",
    "home.declare.hint": "Employees: today's health declaration.",
    "home.privacy": "Your details are used for health screening at this site only.",
    "visit.title": "Register a visit",
    "visit.intro": "Your details and a short health declaration. You get a pass for the day "
    "of your visit.",
    "section.you": "About you",
    "section.visit": "Your visit",
    "section.health": "Health declaration",
    "field.name": "Full name",
    "field.phone": "Mobile phone",
    "field.company": "Company",
    "field.host": "Person you visit",
    "field.purpose": "Purpose of the visit",
    "field.kind": "I am a",
    "field.visit_date": "Date of the visit",
    "field.symptoms": "Do you have any of these symptoms now?",
    "field.places": "Places visited in the last 14 days",
    "field.contact": "In the last 14 days, were you in contact with a confirmed case?",
    "field.staff_no": "Staff number",
    "field.code": "Personal code",
    "form.optional": "optional",
    "form.problems": "Please correct the fields marked below.",
    "kind.visitor": "Visitor",
    "kind.contractor": "Contractor",
    "date.today": "Today",
    "date.tomorrow": "Tomorrow",
    "symptoms.hint": "Tick all that apply; none if you are well.",
    "symptom.fever": "Fever",
    "symptom.cough": "Cough",
    "symptom.sore_throat": "Sore throat",
    "symptom.short_of_breath": "Shortness of breath",
    "symptom.loss_of_taste_or_smell": "Loss of taste or smell",
    "symptom.fatigue": "Unusual tiredness",
    "places.hint": "Cities or regions, separated by commas. Empty if you stayed at home.",
    "answer.no": "No",
    "answer.yes": "Yes",
    "visit.submit": "Register and get my pass",
    "problem.required": "Please fill this in.",
    "problem.choose": "Please choose an answer.",
    "problem.too_long": "At most {limit} characters.",
    "problem.control": "Contains characters that are not allowed.",
    "problem.phone": "Digits only, optionally starting with + (5 to 32 characters).",
    "problem.choice": "Please choose from the options shown.",
    "problem.date": "Not a valid date.",
    "problem.date_past": "That day is over: choose today or a later day.",
    "problem.date_far": "At most {limit} days ahead.",
    "problem.too_many": "At most {limit} places.",
    "problem.place_too_long": "At most {limit} characters for each place.",
    "problem.code_format": "The code has {limit} letters and digits, as you were given it.",
    "pass.title": "Visitor pass",
    "pass.valid_on": "Valid on {date}",
    "pass.show": "At the gate, hold this code up to the camera.",
    "pass.temperature": "Your temperature is taken at the gate.",
    "pass.keep": "Keep this page or take a screenshot: its address is your pass. Do not share "
    "it.",
    "pass.download": "Save the code as a picture",
    "pass.host": "Visiting",
    "pass.company": "Company",
    "pass.qr_alt": "Pass code for {name}",
    "pass.state.expired": "This pass has expired.",
    "pass.state.replaced": "This pass is no longer valid: the site replaced or withdrew it.",
    "pass.state.refused": "Your declaration reports symptoms or contact with a confirmed case, "
    "so no pass was issued. Please do not come to the site; contact the person you visit.",
    "declare.title": "Daily health declaration",
    "declare.intro": "For employees: your staff number and the personal code you were given "
    "with your badge or by the safety officer.",
    "declare.no_code": "No personal code? Ask your safety officer.",
    "declare.submit": "Send my declaration",
    "declare.refused": "The staff number or the personal code is wrong.",
    "declare.wait": "Too many wrong codes for this staff number. Try again in {minutes} min.",
    "declare.done.title": "Declaration recorded",
    "declare.done": "Thank you, {name}. Your health declaration for {date} is recorded.",
    "declare.done.gate": "At the gate, show your badge as usual.",
    "declare.risky": "You reported symptoms or contact with a confirmed case: please do not "
    "come to work today, and call your safety officer.",
    "error.title": "Sorry",
    "error.400": "The request could not be read.",
    "error.403": "This form has expired or was not sent from this site. Go back, reload the "
    "page and send it again.",
    "error.404": "This page does not exist, or its address is incomplete.",
    "error.405": "This page does not take that kind of request.",
    "error.413": "Too much data was sent.",
    "error.429": "Too many requests from your device. Please wait {seconds} s and try again.",
    "error.500": "The service had a problem. Please try again in a moment.",
    "error.home": "Back to the start",
}

ZH_CN: dict[str, str] = {
    "app.title": "自助登记",
    "nav.home": "首页",
    "home.heading": "欢迎来到{site}",
    "home.intro": "来之前先在手机上申报，到门岗只需出示二维码。",
    "home.visit": "我是来访者",
    "home.visit.hint": "访客和承包商：登记来访，领取通行码。",
    "home.declare": "我是本厂员工",
    "home.declare.hint": "员工：填写今日健康申报。",
    "home.privacy": "您的信息仅用于本厂区的健康筛查。",
    "visit.title": "来访登记",
    "visit.intro": "请填写个人信息和健康申报，提交后获得来访当天有效的通行码。",
    "section.you": "您的信息",
    "section.visit": "来访信息",
    "section.health": "健康申报",
    "field.name": "姓名",
    "field.phone": "手机号码",
    "field.company": "单位",
    "field.host": "被访人",
    "field.purpose": "来访事由",
    "field.kind": "身份",
    "field.visit_date": "来访日期",
    "field.symptoms": "您目前是否有以下症状？",
    "field.places": "近14天去过的地方",
    "field.contact": "近14天是否接触过确诊病例？",
    "field.staff_no": "工号",
    "field.code": "个人码",
    "form.optional": "选填",
    "form.problems": "请修改下面标出的内容。",
    "kind.visitor": "访客",
    "kind.contractor": "承包商",
    "date.today": "今天",
    "date.tomorrow": "明天",
    "symptoms.hint": "有则勾选，身体无恙则不选。",
    "symptom.fever": "发热",
    "symptom.cough": "咳嗽",
    "symptom.sore_throat": "咽痛",
    "symptom.short_of_breath": "呼吸困难",
    "symptom.loss_of_taste_or_smell": "味觉或嗅觉丧失",
    "symptom.fatigue": "异常乏力",
    "places.hint": "城市或地区，用逗号分隔；未外出则不填。",
    "answer.no": "否",
    "answer.yes": "是",
    "visit.submit": "提交并领取通行码",
    "problem.required": "此项必填。",
    "problem.choose": "请选择一项。",
    "problem.too_long": "最多{limit}个字符。",
    "problem.control": "含有不允许的字符。",
    "problem.phone": "请填写数字，可以+开头（5至32位）。",
    "problem.choice": "请从给出的选项中选择。",
    "problem.date": "日期无效。",
    "problem.date_past": "该日期已过，请选择今天或以后的日期。",
    "problem.date_far": "最多可提前{limit}天登记。",
    "problem.too_many": "最多填写{limit}个地点。",
    "problem.place_too_long": "每个地点最多{limit}个字符。",
    "problem.code_format": "个人码为{limit}位字母和数字，请按收到的填写。",
    "pass.title": "访客通行码",
    "pass.valid_on": "{date}当天有效",
    "pass.show": "到门岗时，请将此二维码对准摄像头。",
    "pass.temperature": "入厂时在门岗测量体温。",
    "pass.keep": "请保存本页或截图：本页网址即您的通行凭证，请勿转发他人。",
    "pass.download": "保存二维码图片",
    "pass.host": "被访人",
    "pass.company": "单位",
    "pass.qr_alt": "{name}的通行码",
    "pass.state.expired": "此通行码已过期。",
    "pass.state.replaced": "此通行码已失效：厂方已更换或撤销。",
    "pass.state.refused": "您的申报显示有症状或接触过确诊病例，因此未发放通行码。请勿前来，"
    "并联系被访人。",
    "declare.title": "每日健康申报",
    "declare.intro": "员工填写：工号和个人码（随工牌发放，或由安全员提供）。",
    "declare.no_code": "没有个人码？请联系安全员。",
    "declare.submit": "提交申报",
    "declare.refused": "工号或个人码错误。",
    "declare.wait": "该工号输错次数过多，请{minutes}分钟后再试。",
    "declare.done.title": "申报成功",
    "declare.done": "{name}，谢谢。您{date}的健康申报已记录。",
    "declare.done.gate": "到门岗时照常出示工牌。",
    "declare.risky": "您申报了症状或确诊病例接触史：今天请不要上班，并联系安全员。",
    "error.title": "抱歉",
    "error.400": "无法读取请求。",
    "error.403": "表单已过期，或不是从本网站提交的。请返回、刷新页面后重新提交。",
    "error.404": "页面不存在，或网址不完整。",
    "error.405": "此页面不接受这种请求。",
    "error.413": "提交的数据过多。",
    "error.429": "您的设备请求过于频繁，请{seconds}秒后再试。",
    "error.500": "服务出现问题，请稍后再试。",
    "error.home": "返回首页",
}

CATALOGS: dict[str, dict[str, str]] = {"en": EN, "zh_CN": ZH_CN}

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
_WEEKDAYS_ZH = "一二三四五六日"


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)`` in ``language``; English for a key the language lacks."""
    catalog = CATALOGS.get(language, EN)

    def t(key: str, **values: object) -> str:
        text = catalog.get(key) or EN[key]
        return text.format(**values) if values else text

    return t


def format_date(day: date, language: str) -> str:
    if language == "zh_CN":
        return f"{day.year}年{day.month}月{day.day}日（周{_WEEKDAYS_ZH[day.weekday()]}）"
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def from_accept_language(header: str | None) -> str | None:
    """The first language of ours the browser asks for (by its q-values), or None."""
    if not header:
        return None
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:500].split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        wanted.append((-quality, index, tag.strip().lower()))
    for negative_quality, _, tag in sorted(wanted):
        if negative_quality >= 0:
            continue
        if tag == "zh" or tag.startswith("zh-"):
            return "zh_CN"
        if tag == "en" or tag.startswith("en-"):
            return "en"
    return None


def choose(cookie: str | None, accept_language: str | None) -> str:
    if cookie in LANGUAGES:
        assert cookie is not None
        return cookie
    return from_accept_language(accept_language) or DEFAULT
