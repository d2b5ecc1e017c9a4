"""What the HTML reader knows about how Chinese news pages are marked up, as data.

Tag sets, class-name patterns, the labels of meta lines (来源：, 作者：, 发布时间：…), date shapes
and every threshold, each with a note on how it was chosen. ``read/html.py`` holds the logic.
The class-name patterns were collected from the markup of e-paper systems (方正/Founder,
人民日报 and local dailies' digital editions), portals (人民网, 新华网, 澎湃, 央视网, 光明网,
中国经济网, 中新网), TRS-built news and government sites and WeChat articles.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Tags
# ---------------------------------------------------------------------------------------------

#: Subtrees that never hold page text.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
             "select", "textarea", "button", "input", "option", "map", "audio", "video", "source",
             "head", "link", "meta")
#: Inline tags: their text belongs to the paragraph around them. Everything else (p, div, td,
#: li, h1-h6, section, unknown tags such as <founder-content>) starts a block of its own.
INLINE_TAGS = frozenset(("a", "span", "strong", "b", "em", "i", "u", "font", "small", "big", "sub", "sup",
                         "label", "abbr", "cite", "code", "q", "s", "strike", "time", "mark", "nobr", "var",
                         "tt", "ins", "del", "wbr", "img", "br", "bdi", "bdo", "dfn", "kbd", "samp"))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
BOLD_TAGS = frozenset(("strong", "b"))

# ---------------------------------------------------------------------------------------------
# Class and id names (matched, lowercased, against "class id" of an element)
# ---------------------------------------------------------------------------------------------

#: A headline's own markup: <div class="title">, <h1 id="articleTitle">, <td class="bt">.
TITLE_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:title|headline|biaoti|bt|tit|art_?title|articletitle|news_?title|"
                            r"detail_?title|content_?title|rich_media_title|post-title|font02)(?:$|[\s_-])|title")
#: A kicker (引题): <div class="yinti">, <p class="pretitle">, enpproperty's introtitle.
KICKER_CLASS_RE = re.compile(r"yinti|kicker|pre-?title|intro-?title|lead-?title|top-?title|shoulder|overline|"
                             r"supertitle|(?:^|[\s_-])yt(?:$|[\s_-])")
#: A subheadline (副题): <div class="fubiaoti">, <p class="subtitle">.
SUB_CLASS_RE = re.compile(r"fubiaoti|fu-?title|sub-?title|sub_title|subhead|vice-?title|second-?title|futi|"
                          r"(?:^|[\s_-])(?:fbt|ft)(?:$|[\s_-])")
#: Picture captions: <figcaption>, <p class="pic">, <td class="pic-text">, <p class="image_desc">.
CAPTION_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:pic|img|image|photo|figure|caption|tuzhu|picintro|pictext|"
                              r"pic_?text|image_?desc|img_?desc|imgtxt|pic_?desc|tu_?zhu|font6)(?:$|[\s_-])|"
                              r"caption|pictext|imgdesc|image_desc")
#: Blocks that are never article text: navigation, sharing, related links, comments, adverts,
#: footers. Checked on the ancestors of a block below the article's container. Not "editor":
#: TRS-built sites put the text itself in <div class="TRS_Editor">.
JUNK_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|crumbs?|breadcrumb|position|location|share|sharing|comments?|cmt|discuss|"
    r"related|relate|recommend|xgxw|xgyd|hot|hotnews|rank|paihang|ph_list|ad|ads|adv|advert|banner|promo|"
    r"footer|foot|copyright|tools?|toolbar|prenext|prev|next|pagination|print|tags?|sidebar|side|"
    r"aside|login|search|qrcode|ewm|download|subscribe|follow|zebian|pager)(?:$|[\s_-])|"
    r"comment|recommend|share|advert|copyright|sidebar|breadcrumb"
)
#: An editor's summary above the text (36氪 <div class="summary">, 导语): not the article's text.
SUMMARY_CLASS_RE = re.compile(r"summary|abstract|digest|daoyu|zhaiyao|article-desc|(?:^|[\s_-])(?:desc|lead)(?:$|[\s_-])")
#: The outlet's own markup: <a class="source">中国新闻网</a>, <span id="articleSource">.
SOURCE_CLASS_RE = re.compile(r"source|laiyuan|(?:^|[\s_-])(?:from|ly)(?:$|[\s_-])")
#: The unambiguous part of JUNK_CLASS_RE, checked all the way up to <body> (the full list is only
#: checked below the article's container: a page wrapper may be called "tools" or "__next").
STRICT_JUNK_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|crumbs?|comments?|cmt|discuss|related|relate|recommend|xgxw|xgyd|hot|"
    r"hotnews|rank|paihang|ads?|adv|advert|banner|footer|sidebar|aside)(?:$|[\s_-])|"
    r"comment|recommend|advert|copyright|sidebar|breadcrumb"
)
#: A byline's markup: <span class="author">, <p class="zuozhe">.
BYLINE_CLASS_RE = re.compile(r"author|byline|writer|zuozhe|reporter")

# ---------------------------------------------------------------------------------------------
# Meta lines: "发布时间：2023-11-03 16:20　来源：云州晚报　作者：记者 孙悦　编辑：郑一帆"
# ---------------------------------------------------------------------------------------------

#: Label -> what it introduces. ``outlet`` 来源 (the publication), ``byline`` people who wrote or
#: shot it, ``published`` the publish time, ``editor`` editors (set aside as page furniture),
#: ``noise`` widgets (字号, 点击数…). Longer labels are tried first.
LABELS: dict[str, str] = {
    "来源": "outlet", "稿源": "outlet", "信息来源": "outlet", "文章来源": "outlet", "新闻来源": "outlet",
    "稿件来源": "outlet", "出处": "outlet", "转载自": "outlet", "来自": "outlet",
    "作者": "byline", "记者": "byline", "撰文": "byline", "撰稿": "byline", "通讯员": "byline", "摄影": "byline",
    "文": "byline", "图": "byline", "文/图": "byline", "图/文": "byline", "文字": "byline", "实习生": "byline",
    "特约记者": "byline", "本报记者": "byline", "采写": "byline",
    "发布时间": "published", "发布日期": "published", "发表时间": "published", "发稿时间": "published",
    "时间": "published", "日期": "published", "发表日期": "published", "更新时间": "updated",
    "责任编辑": "editor", "责编": "editor", "编辑": "editor", "本版编辑": "editor", "值班编辑": "editor",
    "图片编辑": "editor", "审核": "editor", "审校": "editor", "校对": "editor", "监制": "editor",
    "初审": "editor", "复审": "editor", "终审": "editor", "编审": "editor", "统筹": "editor", "策划": "editor",
    "制作": "editor", "视频编辑": "editor", "美编": "editor", "主编": "editor",
    "浏览次数": "noise", "阅读次数": "noise", "点击数": "noise", "点击": "noise", "浏览": "noise",
    "阅读": "noise", "字号": "noise", "字体": "noise", "分享到": "noise", "分享": "noise",
    "原标题": "noise", "关键词": "noise", "标签": "noise", "封面来源": "noise", "题图": "noise", "图片来源": "noise",
}
#: Separators between a label and its value. 文｜李想, 记者丨杨光明, 来源：新华网, 作者:张三.
LABEL_SEP = "：:丨｜|/／"
#: Labels that are also ordinary characters (文, 图, 时间…) need a separator right after them and
#: must stand at the start of the line or after whitespace / a bar.
_LABEL_ALT = "|".join(sorted((re.escape(k) for k in LABELS), key=len, reverse=True))
LABEL_RE = re.compile(r"(?:^|(?<=[\s\u3000|｜【\[（(]))(?P<label>" + _LABEL_ALT + r")\s*[" + LABEL_SEP + r"]\s*")
#: Editor lines in brackets: (责编：杨曦、袁勃) 【责任编辑:刘笑冬】 [责编：孙宗鹤] （责任编辑：钱思远）.
BRACKETED_EDITOR_RE = re.compile(r"^[（(【\[]\s*(?:责任编辑|责编|编辑|本版编辑)\s*[：:]?\s*[^）)】\]]{1,30}[）)】\]]$")
#: Editor lines printed without colons: 编辑 刘倩 校对 付春愔.
EDITOR_ONLY_RE = re.compile(r"^(?:(?:责任编辑|本版编辑|编辑|责编|校对|审核|审校|美编|值班编辑|监制|终审)\s+"
                            r"[\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4})*\s*){1,5}$")
#: A byline line standing alone in the text: 闪电新闻记者 王蕊 报道, 本报记者 张三 李四, 记者：张三.
#: Role and name are apart (记者手记 is a subhead, not a reporter called 手记).
_ROLE = r"(?:[\u4e00-\u9fff]{0,10}(?:记者|通讯员|实习生|评论员|特约撰稿人)|作者|撰文|文|图)"
BYLINE_LINE_RE = re.compile(r"^[□■◇◆●▲\s]*" + _ROLE + r"(?:\s*[：:/／丨｜]\s*|\s+)[\u4e00-\u9fff·]{2,8}"
                            r"(?:[\s、，,]+(?:" + _ROLE + r"(?:\s*[：:/／丨｜]\s*|\s+))?[\u4e00-\u9fff·]{2,8})*"
                            r"\s*(?:报道|采写|摄)?$")
#: An outlet's name standing unlabelled next to the publish time: 闪电新闻, 台江融媒, 滨江日报.
OUTLET_NAME_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]{2,12}(?:新闻|网|报|社|台|客户端|融媒|传媒|频道|发布|号)$")
#: Byline words: a short segment holding one of these (with a name) is a byline.
BYLINE_WORD_RE = re.compile(r"记者|通讯员|实习生|评论员|撰文|特约|作者|摄影|编译|文/|文／|图/|图／|文｜|文丨")
#: Widgets and navigation that sit inside or next to article text.
NOISE_RE = re.compile(
    r"^[【\[]?\s*(?:(?:我要)?纠错|打印(?:本页|此文|本文)?|关闭(?:窗口|本页)?|返回(?:顶部|首页|列表|目录)?|收藏|推荐|举报|"
    r"分享到?|扫一扫|微信扫一扫|字号|字体|放大|缩小|默认|大\s*中\s*小|在看|点赞|赞|阅读原文|"
    r"上一篇|下一篇|上一期|下一期|前一期|后一期|查看原图|点击(?:查看|进入|播放)|视频加载中)"
)
#: Headings that end an article's text: related links, comments, page navigation.
END_HEADING_RE = re.compile(r"^(?:相关(?:新闻|阅读|链接|报道|文章|推荐)|延伸阅读|推荐阅读|热点推荐|热门推荐|"
                            r"网友评论|全部评论|评论\s*[（(]?\d*[)）]?|留言|猜你喜欢|本版(?:其他文章|导读|新闻|标题)|"
                            r"上一篇|下一篇|更多)")
#: An e-paper page label: 第03版：要闻, 第A05版：区域经济.
PAGE_LABEL_RE = re.compile(r"(?:(?:^|\s)第\s*[A-Za-z]?\s*\d{1,3}\s*版|^[A-Z]\d{1,3}\s*版?)\s*[：:]\s*(?P<section>[^\s|｜]{2,12})")
#: The source line of e-paper articles: 《 人民日报 》（ 2023年05月22日 第 01 版）.
EPAPER_SOURCE_RE = re.compile(r"^《\s*(?P<outlet>[^》]{2,20}?)\s*》\s*[（(]\s*(?P<date>[^）)]*?\d{1,2}\s*日)"
                              r"\s*(?:第?\s*[A-Za-z]?\s*\d{1,3}\s*版)?\s*[）)]$")
#: Breadcrumbs: 当前位置：首页 > 政务公开 > 部门动态, 人民网>>财经.
CRUMB_SEP_RE = re.compile(r"\s*(?:>>|>|»|›|/|→)\s*")
CRUMB_LEAD_RE = re.compile(r"^(?:您?当前(?:的)?位置|所在位置|位置)\s*[：:]\s*")
#: Last crumbs that name the page, not a section.
CRUMB_NOT_SECTION = frozenset(("正文", "正文内容", "内容", "详情", "详细内容", "文章", "阅读文章", "新闻详情"))

# ---------------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------------

#: Separators between the headline and the site in <title>: 标题_站点, 标题--频道--人民网, 标题 | 站点.
TITLE_SEP_RE = re.compile(r"\s*(?:_|\||｜|--|——|－|\s[-–—]\s|(?<![0-9A-Za-z])-(?![0-9A-Za-z]))\s*")
#: A <title> part that names a site or channel rather than the article.
SITE_PART_RE = re.compile(r"(?:网|网站|政府|日报|晚报|早报|时报|新闻|频道|门户|客户端|平台|数字报|电子报|报刊|"
                          r"融媒|\.com|\.cn|\.net|\))$|^(?:首页|正文)$", re.IGNORECASE)
#: Longest site-name part of a title (人民网, 青山县人民政府, 新闻频道_央视网(cctv.com)).
SITE_PART_MAX_CHARS = 16

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

#: A date with an optional time: 2023-05-22 08:30:12, 2023/5/22 8:30, 2023年05月22日08:30,
#: 2023 09/12 10:21:33 (新华网 prints year and day in separate spans), ISO 8601 with zone.
DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]?\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:星期[一二三四五六日天]|周[一二三四五六日])?\s*[T\s-]?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
#: A line that is only a date (and time, weekday): the publish time printed under a headline.
BARE_DATE_LINE_RE = re.compile(r"^[\s|｜]*" + DATE_RE.pattern + r"\s*(?:星期[一二三四五六日天])?[\s|｜]*$")
#: <meta> names that carry the publish time, best first.
PUBLISHED_META = ("article:published_time", "og:release_date", "publishdate", "pubdate", "publishtime",
                  "publish_time", "firstpublishedtime", "datepublished", "dc.date.issued", "dc.date",
                  "releasedate", "date", "time:datetime")
#: <meta> names that carry the headline.
TITLE_META = ("og:title", "articletitle", "headline", "title", "twitter:title", "dc.title")
#: <meta> names that carry the outlet (来源).
OUTLET_META = ("source", "contentsource", "copysource", "articlesource")
#: <meta> names that carry the section.
SECTION_META = ("columnname", "article:section", "channel", "column")
#: A Founder (方正) e-paper/CMS property comment: <!--enpproperty <date>…</date><title>…</title>…-->.
ENP_RE = re.compile(r"<!--\s*enpproperty(?P<body>.*?)/?enpproperty\s*-->", re.S | re.I)
ENP_FIELD_RE = re.compile(r"<(?P<k>[a-z]+)>(?P<v>[^<]*)</(?P=k)>", re.I)

# ---------------------------------------------------------------------------------------------
# Thresholds (lengths in characters)
# ---------------------------------------------------------------------------------------------

#: Longest headline: Chinese headlines run 6-40 characters, long two-part ones up to ~60.
HEADLINE_MAX_CHARS = 80
#: Longest kicker or subheadline (引题 short phrases; 副题 explanatory, up to ~50).
SIDE_TITLE_MAX_CHARS = 60
#: Longest caption; longer text under a picture is article text.
CAPTION_MAX_CHARS = 200
#: Longest meta line (publish time, 来源, 作者, 编辑 and widgets on one line).
META_LINE_MAX_CHARS = 160
#: Longest byline segment.
BYLINE_MAX_CHARS = 60
#: Longest inner subhead (小标题) printed in bold or as a heading inside the text.
SUBHEAD_MAX_CHARS = 40
#: A block whose link text is more than this share of its text is navigation, not article text
#: (a paragraph may link a name or two; a list of related links is all link).
LINK_SHARE_MAX = 0.5
#: Share of the text trafilatura kept that the article's container must hold. Lower shares pick
#: containers that also hold sidebars; 0.8 tolerates a stray line trafilatura takes from elsewhere.
CONTAINER_SHARE = 0.8
#: How far above the first paragraph (in blocks) the headline may stand, and how many blocks
#: after the text are searched for 来源/编辑 lines. E-paper and portal pages put 2-10 blocks
#: (kicker, subheadline, byline, date, tools) between the headline and the text.
HEADLINE_WINDOW = 20
TRAILER_WINDOW = 8
#: The first paragraph under a headline shares an ancestor with it at most this many levels up
#: (1-2 on every corpus page: <div class="article"><h1/>…<div id="ozoom"><p>; a table layout
#: adds tr/tbody). A paragraph that only meets the headline higher up sits elsewhere on the page.
SEED_MAX_CLIMB = 4
#: Minimum score of a headline candidate (see ``html._headline_score``): an exact match with the
#: page's <title>/og:title (6) or a heading tag near the text (h1 3 + near 2) passes; a bare
#: bold line near the text (2) does not.
HEADLINE_MIN_SCORE = 3.5
#: Share of U+FFFD replacement characters tolerated when no codec decodes the page strictly
#: (a stray bad byte in an otherwise GBK page): one in a thousand characters.
MAX_REPLACED_SHARE = 0.001
#: trafilatura's fast mode (no fallback extractors) runs in about half the time and kept the same
#: text on every corpus page; when it keeps less than this many characters (a short brief, a
#: picture page, an odd layout) the reader asks again with the fallbacks: 200 is a short news brief.
FAST_EXTRACT_MIN_CHARS = 200
#: A paragraph has at least this many characters, or ends a sentence.
PARAGRAPH_MIN_CHARS = 15
