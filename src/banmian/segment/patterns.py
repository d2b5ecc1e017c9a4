"""Everything the segmenter knows about how Chinese newspaper pages are printed, as data.

Word lists are tuples; patterns are compiled once here; every threshold is a named constant
with a note on how it was chosen. The calibration notes refer to ``bench/calibrate_segment.py``,
which sweeps a threshold over the golden test pages and prints the scores.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Characters
# ---------------------------------------------------------------------------------------------

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Ends a sentence. Half-width forms count too: many e-paper dumps print ``,:;()?!``.
TERMINAL = "。！？!?…"
#: Closing marks that may follow a sentence end: ``。”``, ``！）``, ``？』``.
CLOSERS = "”’」』）)】〕》\"'"
OPENERS = "“‘「『（(【〔《"
#: Separators inside a sentence; a block holding one is unlikely to be a headline.
CLAUSE_MARKS = "，,；;"
#: Characters that can only continue a sentence: a block starting with one is a continuation.
CONTINUATION_START = "，,。.、；;：:）)”’」』》!！?？…"
SPACE = " \t\u3000"

# ---------------------------------------------------------------------------------------------
# Thresholds (lengths are in characters)
# ---------------------------------------------------------------------------------------------

#: Longest block that can still be a headline, kicker or inner subhead. Headlines of the
#: papers we read run 6-30 characters, subheadlines up to ~45; a longer block is text.
TITLE_MAX_CHARS = 48
#: Longest block that can be a section label (地方传真, 要闻, 经济观察, 新闻速览).
SECTION_MAX_CHARS = 8
#: Longest byline block (markers, roles and up to ~6 names).
BYLINE_MAX_CHARS = 60
#: Longest attribution in brackets: (兰云) … （新华社杭州2月24日电 记者 张三 李四）.
ATTRIBUTION_MAX_CHARS = 40
#: Score at or above which a non-terminal block is read as a title, below as a column-break
#: fragment. Scores are sums of the weights below. Swept over -0.5..1.5 with
#: ``bench/calibrate_segment.py`` (300 generated pages, hand-laid pages_a..e): 0.5 is best on
#: every set (generated: articles 1:1 0.959 at 0.0, 0.965 at 0.5, 0.957 at 1.0; breaks joined
#: 0.954 / 0.967 / 0.973 but titles glued 0.002 / 0.007 / 0.024; pages_e 0.913 / 1.0 / 1.0).
#: Weights below were swept the same way one at a time; the chosen values sit on plateaus:
#: W_CUT_WORD -4..-6 equal (-2: breaks 0.958, -1: 0.948), W_LEAD_ECHO 1.0..1.5 equal (2.5 loses
#: breaks on pages_c), W_BETWEEN_TEXT -1 (0: breaks 0.960 on generated; -2: wrong joins 0.022 on
#: pages_c), W_UNDER_TITLE 2 (1: headlines 0.956; 3: pages_e 1:1 0.913).
TITLE_SCORE_MIN = 0.5
#: Weights of the title-vs-fragment evidence. Chosen by hand from how pages are printed and
#: checked on the golden pages (see the calibration script): strong evidence weighs 3.
W_SHORT = 1.0             # block is at most TITLE_SHORT_CHARS long
TITLE_SHORT_CHARS = 24
W_LONG = -1.5             # block is longer than TITLE_LONG_CHARS (but within TITLE_MAX_CHARS)
TITLE_LONG_CHARS = 32
W_CLAUSE = -1.5           # a comma or semicolon inside the block
W_CLAUSES = -3.5          # two or more: titles almost never have them
W_INNER_STOP = -4.0       # a full stop or semicolon inside the block: text, cut at a column break
W_INNER_EXCLAIM = -1.5    # a ！ or ？ inside: headlines have them too (加油！中国制造)
W_TERMINAL_END = -1.5     # ends with ！ or ？: a title only if titles or a byline follow
                          # (swept -2..-1: -1.5 keeps 冰雪经济，“热”起来！ over its picture)
W_TITLE_SHAPE = 1.5       # two phrases split by a space, a 小标题 numbering, 【…】, a 地名:… colon
W_NEXT_HEADERISH = 2.5    # next block is a title, byline, dateline, caption or the page's end
W_UNDER_TITLE = 2.0       # right under a title: a subheadline (or the first half of a cut lead)
W_UNDER_SUBHEAD = 1.0     # right under an inner subhead (text above it, sibling subheads around); swept -1..2
W_STRONG_OPENER = -3.0    # opens with 据 / 该 / 此外 / 因此…: a sentence, never a title
W_NEXT_CONTINUES = -4.0   # next block starts with a mark that only continues a sentence
W_NEXT_LEDE = 1.0         # next block opens like a news lead (近日, 本报讯, 5月17日,…)
W_NEXT_SENTENCE = 1.0     # next block opens a sentence (如今，/ 此外，/ 据介绍，)
W_PREV_FRAGMENT = -3.0    # previous text block is itself an unfinished fragment
W_DANGLING_END = -2.0     # ends with a word that cannot end a title (的, 和, 与, 在, 对…)
W_FONT = 3.0              # layout evidence: font clearly larger than the body text
FONT_RATIO_TITLE = 1.25   # font size / median body font size that marks a title
W_BIG_GAP = 1.0           # more blank lines before it than the page usually has
W_CUT_WORD = -4.0         # a word runs across it and the next block (表|示, 国家图|书馆): see lexicon.py
#: A word across a break counts when it improves the best reading by more than this many nats
#: (lexicon.cut_inside_word). On the golden pages no real title followed by text scores above
#: 0.5 and 543 of 1,444 cut first halves score above 1, 519 above 3: 1 keeps a margin.
LEX_CUT_MIN = 1.0
LEX_WINDOW = 4            # characters read either side of the break
W_AFTER_BYLINE = -2.0     # right under a byline the body starts (titles come before bylines)
W_UNBALANCED = -4.0       # an opening quote or bracket left open: the rest is in the next block
W_DATELINE_START = -4.0   # starts like a dateline (本报柳州3月1…) cut before its 电
W_OPEN_END = -4.0         # ends with a comma, 、 or a name's middle dot: titles never do (介绍，| 对于…)
OPEN_END_CHARS = "，,、·•"
W_TINY = -3.0             # at most TITLE_TINY_CHARS long, text follows, no title shape (福厦 | 高铁近日…)
TITLE_TINY_CHARS = 4
W_LEDE_START = -3.0       # opens like a lead: a time and a comma (日前，… / 2014年，…)
W_STARTS_MIDWAY = -3.0    # opens with a particle or a verb that needs a subject (的县级市… / 表示，…)
W_NEXT_NEEDS_SUBJECT = -4.0  # next block opens with a verb that needs a subject (表示，/ 介绍，/ 是)
W_LEAD_ECHO = 1.5         # the next block repeats much of it: a headline and its lead
#: Lead echo: share of a title's character pairs found in the first LEAD_ECHO_WINDOW characters
#: of the next block. On the golden pages, of title candidates between two text blocks, 372 real
#: titles and 51 cut first halves reach 0.3 (below it: 688 and 832): evidence, not proof.
LEAD_ECHO_MIN = 0.3
LEAD_ECHO_MIN_CLAUSE = 0.6
LEAD_ECHO_MIN_PAIRS = 3
LEAD_ECHO_MIN_HITS = 3    # at least this many pairs found: two (记者, 消防) happen by chance
LEAD_ECHO_WINDOW = 120
W_ECHOES_TITLE = -3.0     # repeats most of the title above: the lead restating it, not a subheadline
W_SEAM_ECHO = -3.0        # a run of the title above reads across it and the next block (第十二届全市 | 中小学生运动会…)
SEAM_ECHO_MIN = 5         # characters of that run
#: Share of a candidate's character pairs found in the title right above it. Of candidates under
#: a title on the golden pages, 7 reach 0.5, all cut leads (第十九届中国戏剧节 under
#: 第十九届中国戏剧节闭幕); between 0.4 and 0.5 real subheadlines and leads are even (18 / 28).
TITLE_ECHO_MIN = 0.5
W_BETWEEN_TEXT = -1.0     # shapeless, between two text blocks, no lead after it and no sibling subheads
#: Passes over the title candidates; each sees its neighbours' roles from the pass before.
#: Two settle every page of the golden corpus (a third changes nothing there).
ROLE_PASSES = 3
#: How far (in blocks) to look for sibling inner subheads that vouch for a shapeless one.
SIBLING_WINDOW = 12
#: Parallel subheads: at most this long, and lengths within SIBLING_LEN_DIFF of each other.
SUBHEAD_MAX_CHARS = 16
SIBLING_LEN_DIFF = 1
#: A title candidate whose own evidence is this low (a full stop or two commas inside) counts as
#: text beside a sibling subhead.
BESIDE_TEXT_OWN_MAX = -2.0
#: Parallel subheads that keep an unshaped title inside its article although the paragraph below
#: restates it (lead echo): at most this long. Real parallel subheads run 6-10 characters
#: (在太平洋岛国扎根 / 在非洲大地开花); headlines of short items next to each other are longer
#: and often of equal length. Swept 8..16: 10 is best on all three page sets.
PARALLEL_MAX_CHARS = 10

#: Two title lines are kicker + headline only when the first is a short phrase and the second a
#: short headline; a second line this long, or with a comma, or opening with ——, is a subheadline.
#: From the papers' convention (副题 are long and explanatory, 引题 short phrases). Sweep of
#: KICKER_MAX_CHARS over 10..16 (bench/calibrate_segment.py): headlines right are best from 11 to
#: 14 on every page set and drop at 16 (我国科学家发现水稻高产关键基因 / 有望使…), so 12.
KICKER_MAX_CHARS = 12
SUBHEADLINE_MIN_CHARS = 18
#: Kickers (引题) state a campaign or a theme: they open with a verb of policy or close with a
#: theme word. Two title lines whose first is one of these are kicker + headline.
KICKER_STARTS = ("聚焦", "建设", "促进", "推进", "推动", "打造", "加快", "坚持", "深化", "深入", "奋力", "奋进", "喜迎",
                 "迎接", "决胜", "践行", "学习贯彻", "牢记", "告别", "守护", "夯实", "助力", "服务", "共建", "高质量发展",
                 "新春走基层", "一线调研", "权威发布", "记者手记", "相关新闻", "新闻链接")
KICKER_ENDS = ("进行时", "在行动", "论坛", "系列报道", "调研行", "一线行", "新征程", "新气象", "新变化", "观察", "纪实",
               "之一", "之二", "之三", "之四", "之五", "走基层", "看变化", "新时代")
#: A first title line this short above other titles is a section label (交通, 生态文明, 海洋经济).
SECTION_SHORT_MAX = 4

#: A body paragraph longer than this starts a brief rather than a roundup of several.
BRIEF_MAX_CHARS = 600

# ---------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------

#: Roles printed before names in bylines, longest first when matched.
BYLINE_ROLES = (
    "本报全媒体记者", "本报融媒体记者", "全媒体记者", "融媒体记者", "本报驻京记者", "驻站记者", "本报驻站记者",
    "本报特约记者", "本报特约通讯员", "本报见习记者", "本报首席记者", "本报实习生", "本报记者", "本报通讯员",
    "新华社记者", "人民日报记者", "中新社记者", "央视记者", "首席记者", "特约记者", "特约通讯员", "见习记者",
    "实习记者", "实习生", "记者", "通讯员", "特派记者", "本报特派记者", "文/图", "文／图", "图/文", "图／文",
    "撰文", "文", "图", "摄影", "编者", "读者",
)
#: Markers printed before bylines.
BYLINE_MARKERS = "□■◇◆○●▲△☆★◎"

#: Section labels seen on pages (kept short and generic); a short line ending in one of the
#: suffixes below is also read as a section label when a headline follows.
SECTION_WORDS = (
    "要闻", "综合", "综合新闻", "国内", "国内新闻", "国际", "国际新闻", "经济", "财经", "产业", "区域",
    "地方", "地方传真", "社会", "民生", "文化", "文旅", "体育", "科技", "教育", "健康", "评论", "时评",
    "观察", "深度", "调查", "专题", "特别报道", "图片新闻", "新闻速览", "速览", "简讯", "快讯", "短讯",
    "新闻速递", "一周要闻", "本版导读", "导读", "县域经济", "区域经济", "经济观察", "产业动态", "科技前沿",
    "三农", "乡村振兴", "生态", "法治", "党建", "理论", "副刊", "声音", "数据", "资讯", "动态",
)
SECTION_SUFFIXES = ("传真", "速览", "速递", "简讯", "快讯", "短讯", "要闻", "观察", "视点", "动态", "前沿",
                    "聚焦", "资讯", "时评", "专题", "纵横", "在线", "一线", "关注")
#: Section labels that introduce a roundup of briefs.
ROUNDUP_WORDS = ("速览", "新闻速览", "简讯", "快讯", "短讯", "新闻速递", "一周要闻", "要闻简报", "资讯",
                 "简报", "速递", "新闻简讯", "经济简讯", "地方简讯", "动态")

#: A section label ending in one of these introduces a roundup too (城事速览, 赛果速递, 三农速递).
ROUNDUP_SUFFIXES = ("速览", "速递", "简讯", "快讯", "短讯", "简报", "一览", "集锦")
#: Items of a roundup that open with their headline in brackets: 【城关镇】6月5日，…
BRACKET_HEAD_RE = re.compile(r"^【(?P<head>[^】]{2,30})】\s*")

#: Words a title does not end with: a block ending in one was cut at a column break.
DANGLING_ENDINGS = tuple("的和与及在对将把被为从向于以并而或是就也都还又其之了着地得所让使给跟同")
#: Verbs that need what follows them (达到 1350亿斤, 表示 …): a block ending in one was cut.
DANGLING_VERBS = ("达到", "达", "成为", "表示", "介绍", "认为", "指出", "告诉", "包括", "通过", "围绕", "按照",
                  "针对", "根据", "对于", "关于", "作为", "由于", "以及", "并且", "已经", "正在", "能够", "可以",
                  "需要", "进一步", "不断", "获悉", "了解到", "显示", "提出", "强调", "要求", "位于", "约", "超",
                  "共", "累计", "同比", "环比", "占", "比", "较", "等于", "相当于", "预计", "力争", "计划")
#: Words a paragraph cannot open with: they need the subject printed before them, so a block
#: starting with one continues the block above (国家发展改革委有关负责人 | 表示，…).
NEEDS_SUBJECT_RE = re.compile(r"^(?:表示|介绍|指出|认为|强调|透露|坦言|告诉记者|获悉|了解到|称[，,:：]|说[，,:：]|是(?!否)"
                              r"|(?:有关|相关)负责人|负责人(?:日前|近日|昨天|昨日)?(?:表示|介绍|说|称|透露|指出)"
                              r"|(?:日前|近日|近期|昨天|昨日|今天|今日)(?:开幕|闭幕|发布|举行|召开|印发|启动|宣布|公布|出台|表示|介绍"
                              r"|透露|获批|落幕|正式|成功|顺利))")
#: Words that open a sentence followed by a comma (如今，/ 此外，/ 据介绍，): a block starting so
#: begins a sentence, so the unfinished block above it is a title, not half a sentence.
SENTENCE_START_RE = re.compile(
    r"^(?:如今|此外|同时|另外|随后|对此|为此|然而|但是|不过|因此|所以|其中|与此同时|据介绍|据了解|据悉|记者了解到"
    r"|数据显示|资料显示|统计显示|事实上|实际上|眼下|当下|目前|近年来|多年来|去年|今年|这些年|如此一来|一方面)[，,]")
#: A sentence opening with a time and a comma (日前，/ 2014年，/ 盛夏时节，): a lead paragraph,
#: not a title. 截至… is left out: subheadlines open with it (截至4月底，今年投入…).
LEDE_START_RE = re.compile(
    r"^(?:近日|日前|近期|近年来|今年以来|截至目前|去年以来|年初以来|入夏以来|入冬以来|目前|当前|此前|昨天|昨日|今天|今日|前不久"
    r"|清晨|早上|上午|中午|下午|傍晚|晚上|夜晚|凌晨|夜幕降临|盛夏|深秋|隆冬|初春|[春夏秋冬]日|[" + CJK + r"]{2}时节"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日(?:[上下]午|晚|凌晨)?|\d{1,2}月(?:[上中下]旬|初|底)?"
    r"|\d+年来|多年来|近年来|这些年|每到[" + CJK + r"]{1,4})[，,]")
#: Units printed right after a number: a block starting with one continues a number cut at a
#: column break (最高人民法院19 | 日发布…, 3626. | 9亿元).
NUMBER_UNIT_START = "年月日时分秒号万亿元个家人次名台辆吨米倍%％余多"
#: A block opening with a quantity that ends a clause (100万亩，… / 70%。): the number belongs to
#: the sentence above. Paragraphs open with dates (2022年，) and with quantities that start a
#: noun phrase (504个量子比特超导芯片…), not with a quantity and a comma.
MEASURE_START_RE = re.compile(r"^[0-9０-９]+(?:[.．][0-9]+)?(?:%|％|万|亿|千|余|多)?(?:个|家|人|名|吨|亩|公里|千米|米|元|台|辆|座"
                              r"|所|项|件|套|只|头|户|次|倍|条|艘|架|公顷|平方米|立方米|千瓦|标箱|%|％)"
                              r"(?:以上|左右|多|余)?[，,。.；;、）)]")
#: Labels printed above a passage inside an article, titles although short.
INSET_LABELS = ("记者手记", "相关链接", "新闻链接", "知识链接", "延伸阅读", "背景", "链接", "短评", "点评", "编后",
                "编者按", "记者观察", "专家观点", "数读", "一线见闻", "小贴士", "名词解释", "新闻背景", "综述",
                "本报评论员", "本报特约评论员", "评论员文章", "社论", "本报社论", "时评", "述评")
#: Words that open a sentence and never a title or a subheadline.
STRONG_OPENERS = ("据", "该", "此外", "同时，", "同时,", "其中", "对此", "因此", "所以", "然而", "另外", "与此同时", "由于",
                  "但是", "不过", "而且", "并且", "记者从", "记者在", "记者近日", "记者日前", "记者昨天", "记者昨日")
#: A turn of a printed dialogue (问：… 答：… 记者：…): a paragraph, never a title.
QA_TURN_RE = re.compile(r"^(?:问|答|记者|主持人|嘉宾|专家)[：:]")
#: Question words: a line holding one is a headline that asks (秋冬季节如何预防流感), not a kicker.
QUESTION_WORDS = ("如何", "为何", "为什么", "怎样", "怎么", "谁来", "能否", "何以", "几何", "何在", "何时", "哪里")
#: Words that open a sentence but never a title; a block starting with one is text.
SENTENCE_OPENERS = ("据", "该", "此外", "同时", "其中", "对此", "随着", "为了", "记者", "但", "而", "并",
                    "因此", "所以", "不过", "然而", "另外", "与此同时", "他", "她", "我们", "他们", "下一步",
                    "一位", "一名", "此前", "由于")
#: A jump line sending the rest of a story to another page ends the story here (下转第二版).
JUMP_OUT_RE = re.compile(r"(?:下转|转第|转下)")
#: Jump lines: 上接第1版 / 下转第3版.
JUMP_RE = re.compile(r"^[（(【\[]?\s*(?:上接|下转|接上|转下|转第|接第)\s*第?\s*[0-9０-９A-Za-z一二三四五六七八九十]*\s*版\s*[）)】\]]?$")
#: Longest block tried as page furniture, and as a jump line.
FURNITURE_MAX_CHARS = 60
JUMP_MAX_CHARS = 20

#: A dateline that can only open an article (not 据新华社报道, which a sentence may hold).
OPENING_DATELINE_RE = re.compile(r"^(?:本报讯|(?:本报|新华社|中新社|中新网|人民网|新华网|央视网)[" + CJK + r"]{0,10}(?:\d{1,2}月\d{1,2}日)?[电讯])")

#: The start of a dateline, for a dateline cut by a column break before its 电.
DATELINE_START_RE = re.compile(r"^(?:本报(?!评论员|特约评论员|社论)|新华社|中新社|人民网|新华网|央视网|据新华社|据中新社)")

#: Leads that only open an article (a reporter's source, a dateline cut from its 电).
STRONG_LEDE_RE = re.compile(r"^(?:记者(?:近日|日前|昨天|昨日|今天)?从[^，,。]{2,30}(?:获悉|了解到|得知)|本报讯|本报[" + CJK + r"]{0,8}\d{1,2}月\d{1,2}日电)")

#: How news leads open: evidence that a block starts a new article rather than continues one.
LEDE_RE = re.compile(
    r"^(?:本报讯|本报[" + CJK + r"]{0,8}\d{1,2}月\d{1,2}日电|新华社|中新社|人民网|央视网|据新华社|据[" + CJK + r"]{2,8}报道"
    r"|(?:近日|日前|近期|近年来|今年以来|当前|目前|昨天|昨日|今天|今日)(?=[，,\s]|记者)"
    r"|截至|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|记者从|记者近日)"
)
#: (A time word straight before a verb, 日前在福建福州闭幕 / 近日发布, follows a subject: not a lead.)

# ---------------------------------------------------------------------------------------------
# Block patterns
# ---------------------------------------------------------------------------------------------

_ROLE_ALT = "|".join(sorted((re.escape(r) for r in BYLINE_ROLES), key=len, reverse=True))
ROLE_RE = re.compile(r"(?:" + _ROLE_ALT + r")")
#: A name in a byline: 2-4 CJK characters, or a minority/foreign name with a middle dot.
NAME = r"[" + CJK + r"]{2,4}(?:[·•．][" + CJK + r"]{1,8})*"

#: Datelines at the start of a first paragraph. Group ``dl`` is the dateline as printed.
DATELINE_RE = re.compile(
    r"^(?P<dl>"
    r"本报讯"
    r"|(?:本报|新华社|中新社|中新网|人民网|新华网|央视网|光明网|中国新闻网|经济日报)(?:[" + CJK + r"]{1,10})?"
    r"(?:\d{1,2}月\d{1,2}日)?[电讯]"
    r"|(?:据)?(?:新华社|中新社|央视新闻|人民日报)(?:[" + CJK + r"]{1,10}\d{1,2}月\d{1,2}日)?电"
    r"|(?:央视网|人民网|新华网|中新网|央广网|光明网|澎湃新闻|央视新闻)消息"
    r"|据(?:新华社|中新社|人民日报|央视新闻|央广网)(?:报道|消息)?"
    r")"
)
#: Bracketed byline right after a dateline: 本报讯（记者 张三 通讯员 李四）.
BRACKETED_BYLINE_RE = re.compile(r"^\s*[（(](?P<inner>[^（()）]{1,60})[）)]\s*")
#: A credit at the end of a caption: 新华社记者 徐昱 摄 / 新华社发(陈阳 摄) / （王五 摄） / 张三/摄.
CREDIT_RE = re.compile(
    r"(?P<credit>"
    r"(?:[（(][^（()）]{0,30}(?:摄|供图|制图|提供|新华社发)[^（()）]{0,6}[）)])"
    r"|(?:(?:新华社|中新社|人民视觉|视觉中国|本报|新华网)发\s*[（(][^（()）]{1,30}[）)])"
    r"|(?:(?:新华社|中新社)发)"
    r"|(?:[^。！？!?.\s（(]{0,12}\s*[" + CJK + r"·]{2,10}\s*[／/]?\s*(?:摄影报道|摄影|摄|供图|制图))"
    r"|(?:(?:图|图片|图片来源|照片)\s*[：:／/]\s*[^。！？!?]{1,30})"
    r"|(?:资料图片|资料图|视频截图|受访者供图)"
    r")\s*$"
)
CAPTION_START_RE = re.compile(r"^(?:图为|上图|下图|左图|右图|图[①②③④⑤⑥⑦⑧⑨⑩\d]|组图)")

#: Attribution at the end of an article: (兰云) (龚成钰 左科举) （新华社杭州2月24日电 记者 张三）.
ATTRIBUTION_RE = re.compile(r"^[（(](?P<inner>[^（()）]{1," + str(ATTRIBUTION_MAX_CHARS) + r"})[）)]$")
TRAILING_ATTRIBUTION_RE = re.compile(
    r"(?<=[" + TERMINAL + CLOSERS + r".])\s*[（(](?P<inner>[^（()）]{1," + str(ATTRIBUTION_MAX_CHARS) + r"})[）)]\s*$"
)
#: End marks dropped from a body: （完）, (完), 【完】.
END_MARK_RE = re.compile(r"\s*[（(【\[]完[）)】\]]\s*$")

#: Numbered inner subheads: 一、… （一）… 1. … 【…】
#: A numbered list item or subhead: a run of these is a list, not an article's header.
LIST_ITEM_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])")
SUBHEAD_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．]\s*(?=\D)|【[^】]+】$|第[一二三四五六七八九十]+[,，、:：\s])")
#: 地名：短语 headline shape, as in 杭州塘栖：农文旅助力乡村游.
COLON_TITLE_RE = re.compile(r"^[" + CJK + r"]{2,10}[:：][^，,。；;]{3,}$")
#: 从“试点”到“推广” / 从“授人以鱼”到“授人以渔”: a title's shape.
FROM_TO_TITLE_RE = re.compile(r"^从[“\"‘]?[^，,。；;\s]{1,8}?[”\"’]?到[“\"‘]?[^，,。；;\s]{1,8}[”\"’]?$")
#: Two phrases separated by a space: 协同创新开新局 八市齐力谱新篇.
SPACED_TITLE_RE = re.compile(r"^[^\s，,。；;]{2,}[ \u3000]+[^\s，,。；;]{2,}")

#: Page furniture: running heads, page numbers, editor lines. Dropped from articles.
FURNITURE_RE = re.compile(
    r"^(?:"
    r"第\s*[0-9０-９A-Za-z一二三四五六七八九十]+\s*版(?:[\s:：].{0,20})?"
    r"|[A-Z]?\d{1,3}(?:\s*版)?"
    r"|(?:(?:责任编辑|本版编辑|本版责编|责编|编辑|版式设计|版式|美编|美术编辑|校对|组版|照排|图片编辑|视觉设计|制图)"
    r"\s*[:：/／]?\s*[" + CJK + r"、·][" + CJK + r"、·\s\u3000]{0,23}){1,4}"  # 王　珏 / 孟　飞　美　编　王子萱
    r"|(?:\d{4}年\d{1,2}月\d{1,2}日)\s*(?:星期[一二三四五六日天]|周[一二三四五六日])?(?:\s+.{0,30})?"
    r"|.{0,12}\d{4}(?:年\d{1,2}月\d{1,2}日|[.\-/]\d{1,2}[.\-/]\d{1,2})[\s\u3000]*(?:星期|周)[一二三四五六日天].{0,30}"
    r"|[^，,。；;]{1,12}[\s\u3000]+第\s*[0-9０-９A-Za-z一二三四五六七八九十]+\s*版(?:[\s:：].{0,20})?"  # 健康周刊 第7版
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日[\s\u3000]*(?:星期[一二三四五六日天])?.{0,30}"
    r"|(?:\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*(?:星期[一二三四五六日天])?"
    r"|(?:星期[一二三四五六日天])\s*.{0,30}"
    r"|(?:农历|癸卯|甲辰|乙巳|壬寅|辛丑|庚子)[" + CJK + r"]{0,12}"
    r"|(?:https?://|www\.)\S+"
    r"|(?:国内统一连续出版物号|邮发代号|CN\d).{0,40}"
    r")$"
)
#: An issue date printed on the page (in furniture).
PAGE_DATE_RE = re.compile(r"(?P<y>\d{4})\s*[年\-./]\s*(?P<m>\d{1,2})\s*[月\-./]\s*(?P<d>\d{1,2})\s*日?")
