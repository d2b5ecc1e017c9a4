"""Segmentation, table-driven: a small page per line, and what must come out of it.

Pages are lists of blocks (printed one per line with a blank line between, as e-paper dumps
are). Expectations name only the fields they check. Written for this project from the kinds
of pages papers print; grouped by what they exercise.
"""

from __future__ import annotations

import hashlib

import pytest

from banmian.model import Block, Page, Source
from banmian.segment import segment_page
from banmian.segment.blocks import is_terminal
from banmian.segment.bylines import parse_names, split_credit, split_dateline


def seg(blocks: list[str], gaps: list[int] | None = None) -> Page:
    bl = [Block(t, i, gap_before=(gaps[i] if gaps else (0 if i == 0 else 1))) for i, t in enumerate(blocks)]
    page = Page(Source("t.txt", hashlib.sha256("\n".join(blocks).encode()).hexdigest()), bl)
    return segment_page(page)


def check(page: Page, expected: list[dict]) -> None:
    arts = page.articles
    assert len(arts) == len(expected), [a.headline for a in arts]
    for a, e in zip(arts, expected):
        for key, want in e.items():
            if key == "bylines":
                assert [(b.name, b.role) for b in a.bylines] == want, a.bylines
            elif key == "captions":
                assert [(c.text, c.credit) for c in a.captions] == want
            elif key == "body_has":
                for s in want:
                    assert s in a.body, (s, a.body)
            elif key == "body_not":
                for s in want:
                    assert s not in a.body, (s, a.body)
            elif key == "paragraphs":
                assert len(a.body.split("\n")) == want, a.body
            else:
                assert getattr(a, key) == want, (key, getattr(a, key))


P1 = "近日，记者从市发展改革委获悉，今年一季度全市完成固定资产投资同比增长8.1%。"
P2 = "据介绍，全市共有重点项目326个，其中产业项目占比超过六成。"
P3 = "下一步，该市将持续优化营商环境，推动项目早开工、早投产、早见效。"

# --- header: kicker, headline, subheadline, section -----------------------------------------
HEADERS = [
    ([ "港口吞吐量创新高", P1], [{"headline": "港口吞吐量创新高", "subheadline": None, "kicker": None}]),
    (["港口吞吐量创新高", "一季度集装箱量同比增长12%，外贸航线持续加密", P1],
     [{"headline": "港口吞吐量创新高", "subheadline": "一季度集装箱量同比增长12%，外贸航线持续加密"}]),
    (["奋力推进高质量发展", "港口吞吐量创新高", "一季度集装箱量同比增长12%", P1],
     [{"kicker": "奋力推进高质量发展", "headline": "港口吞吐量创新高", "subheadline": "一季度集装箱量同比增长12%"}]),
    (["港口吞吐量创新高", "——来自北部湾港的调查", P1], [{"headline": "港口吞吐量创新高", "subheadline": "来自北部湾港的调查"}]),
    (["地方传真", "港口吞吐量创新高", P1], [{"section": "地方传真", "headline": "港口吞吐量创新高"}]),
    (["经济观察", "港口吞吐量创新高", "一季度集装箱量同比增长12%，外贸航线持续加密", P1],
     [{"section": "经济观察", "headline": "港口吞吐量创新高", "subheadline": "一季度集装箱量同比增长12%，外贸航线持续加密"}]),
    # two short lines: a kicker phrase above a short headline
    (["中国品牌“走出去”", "长沙工程机械出口订单饱满", P1], [{"kicker": "中国品牌“走出去”", "headline": "长沙工程机械出口订单饱满"}]),
    (["种业振兴行动进行时", "耐盐碱大豆新品种亩产突破300公斤", "□ 本报记者 王进", P1],
     [{"kicker": "种业振兴行动进行时", "headline": "耐盐碱大豆新品种亩产突破300公斤", "subheadline": None}]),
    # a long second line is a subheadline even without a comma
    (["一片茶叶富了一方百姓", "贵州湄潭县以茶产业为主导推动乡村全面振兴", P1],
     [{"kicker": None, "headline": "一片茶叶富了一方百姓", "subheadline": "贵州湄潭县以茶产业为主导推动乡村全面振兴"}]),
    # a 主体：短语 second line is the headline under a kicker, however long
    (["促进民营经济发展壮大", "国家发展改革委：向民间资本推介项目总投资超3万亿元", "本报北京3月5日电 " + P1],
     [{"kicker": "促进民营经济发展壮大", "headline": "国家发展改革委：向民间资本推介项目总投资超3万亿元"}]),
    # a very short first line above two titles is a section label
    (["交通", "沪苏湖铁路建设有序推进", "全线铺轨完成，预计年内开通运营", P1],
     [{"section": "交通", "headline": "沪苏湖铁路建设有序推进", "subheadline": "全线铺轨完成，预计年内开通运营"}]),
    (["杭州塘栖：农文旅助力乡村游", P1], [{"headline": "杭州塘栖：农文旅助力乡村游"}]),
    (["稳住外贸基本盘 跑出开放加速度", P1, P2], [{"headline": "稳住外贸基本盘 跑出开放加速度", "paragraphs": 2}]),
    (["加油！中国制造", "□ 本报记者 王进", P1], [{"headline": "加油！中国制造", "bylines": [("王进", "本报记者")]}]),
    (["港口吞吐量创新高", "一季度集装箱量同比增长12%，外贸航线持续加密", "□ 本报记者 王进", P1, P2],
     [{"headline": "港口吞吐量创新高", "body": P1 + "\n" + P2}]),
    # a question above a line is a headline with its subheadline
    (["非法集资案件为何屡打不绝？", "专访省公安厅经侦总队负责人", "□ 本报记者 王春", P1],
     [{"kicker": None, "headline": "非法集资案件为何屡打不绝？", "subheadline": "专访省公安厅经侦总队负责人"}]),
    # theme lines are kickers: campaign verbs, …进行时, …论坛
    (["聚焦高考", "全省高考报名人数38.6万", P1], [{"kicker": "聚焦高考", "headline": "全省高考报名人数38.6万"}]),
    (["老旧小区改造进行时", "加装电梯，圆了“悬空老人”下楼梦", P1],
     [{"kicker": "老旧小区改造进行时", "headline": "加装电梯，圆了“悬空老人”下楼梦"}]),
    (["中非合作论坛", "蒙内铁路七年累计运送旅客超1100万人次", P1],
     [{"kicker": "中非合作论坛", "headline": "蒙内铁路七年累计运送旅客超1100万人次", "subheadline": None}]),
    # two phrases split by a space are a headline's shape, under a short first line
    (["持续高温考验城市运行", "全市用电负荷三创新高 电网迎峰度夏运行平稳", "本报讯 " + P1],
     [{"kicker": "持续高温考验城市运行", "headline": "全市用电负荷三创新高 电网迎峰度夏运行平稳"}]),
    # a first line longer than a kicker is the headline
    (["我国科学家发现水稻高产关键基因", "有望使水稻单产提高10%以上", "本报讯 " + P1],
     [{"kicker": None, "headline": "我国科学家发现水稻高产关键基因", "subheadline": "有望使水稻单产提高10%以上"}]),
    # a subhead-shaped line under a subheadline is the first inner subhead
    (["郑州航空港：空中丝路越飞越宽", "货邮吞吐量连续多年位居中部第一，“空中丝绸之路”串起全球200多个城市",
      "航线加密 通达全球", P1, P2],
     [{"kicker": None, "headline": "郑州航空港：空中丝路越飞越宽", "body_has": ["航线加密 通达全球\n" + P1]}]),
    (["台州小微金融改革创新的“密码”", "小微企业贷款余额突破5000亿元，信用贷款占比持续提升", "一、信息共享 破解“信息不对称”", P1],
     [{"headline": "台州小微金融改革创新的“密码”", "subheadline": "小微企业贷款余额突破5000亿元，信用贷款占比持续提升",
       "paragraphs": 2}]),
    # a headline with a question word takes a subheadline, even a 主体：… one
    (["秋冬季节如何预防流感", "专家提醒：老人儿童等重点人群应尽早接种疫苗", "□ 本报记者 白剑峰", P1],
     [{"kicker": None, "headline": "秋冬季节如何预防流感", "subheadline": "专家提醒：老人儿童等重点人群应尽早接种疫苗"}]),
    # inset labels are kickers, not sections
    (["相关链接", "什么是跨境电商综合试验区", P1], [{"kicker": "相关链接", "section": None, "headline": "什么是跨境电商综合试验区"}]),
    # a question headline over a byline
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "一场暴雨后，这个小区为何又“看海”？", "本报见习记者 郭涛", P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": "一场暴雨后，这个小区为何又“看海”？"}]),
]

# --- bylines -----------------------------------------------------------------------------------
BYLINES = [
    (["标题一则新闻", "□ 本报记者 王进", P1], [("王进", "本报记者")]),
    (["标题一则新闻", "■ 记者 李四 通讯员 王五", P1], [("李四", "记者"), ("王五", "通讯员")]),
    (["标题一则新闻", "本报记者 张三 李四", P1], [("张三", "本报记者"), ("李四", "本报记者")]),
    (["标题一则新闻", "□ 本报记者 王进", "□ 何广丙 王泽勇", P1], [("王进", "本报记者"), ("何广丙", None), ("王泽勇", None)]),
    (["标题一则新闻", "◇ 张三 李四", P1], [("张三", None), ("李四", None)]),
    (["标题一则新闻", "□ 记者 王 进", P1], [("王进", "记者")]),
    (["标题一则新闻", "文/图 本报记者 刘洋", P1], [("刘洋", "本报记者")]),
    (["标题一则新闻", "新华社记者 张三 李四", P1], [("张三", "新华社记者"), ("李四", "新华社记者")]),
    (["标题一则新闻", "□ 本报特约记者 欧阳明辉", P1], [("欧阳明辉", "本报特约记者")]),
    (["标题一则新闻", "■ 特约记者 阿卜杜拉·汗", P1], [("阿卜杜拉·汗", "特约记者")]),
    (["标题一则新闻", "本报记者 赵雪 实习生 钱程", P1], [("赵雪", "本报记者"), ("钱程", "实习生")]),
    (["标题一则新闻", "□ 本报记者 王进 报道", P1], [("王进", "本报记者")]),
    (["标题一则新闻", "本报讯（记者 张三 通讯员 李四）" + P1], [("张三", "记者"), ("李四", "通讯员")]),
    (["标题一则新闻", "本报讯(记者 张三)" + P1], [("张三", "记者")]),
    (["标题一则新闻", "本报讯 记者张三 通讯员李四报道 " + P1], [("张三", "记者"), ("李四", "通讯员")]),
    (["标题一则新闻", "本报讯 谢文艳 马占富 记者", "袁小峰报道 " + P1], [("谢文艳", None), ("马占富", None), ("袁小峰", "记者")]),
    (["标题一则新闻", "本报成都5月21日电（记者 李四）" + P1], [("李四", "记者")]),
    (["标题一则新闻", "新华社北京3月2日电（记者 王五、赵六）" + P1], [("王五", "记者"), ("赵六", "记者")]),
    (["标题一则新闻", P1 + "(兰云)"], [("兰云", None)]),
    (["标题一则新闻", P1, "（龚成钰 左科举）"], [("龚成钰", None), ("左科举", None)]),
    (["标题一则新闻", P1 + "（新华社杭州2月24日电 记者 张三）"], [("张三", "记者")]),
    (["标题一则新闻", P1 + "（本报记者 李四）"], [("李四", "本报记者")]),
    (["标题一则新闻", "本报全媒体记者 王进", P1], [("王进", "本报全媒体记者")]),
    (["标题一则新闻", "◎ 融媒体记者 王进 李四", P1], [("王进", "融媒体记者"), ("李四", "融媒体记者")]),
    (["标题一则新闻", "□ 文/本报记者 王进", P1], [("王进", "本报记者")]),
    (["标题一则新闻", "■ 本报记者 孙立平 通讯员", "冯晓云 何军", P1],
     [("孙立平", "本报记者"), ("冯晓云", "通讯员"), ("何军", "通讯员")]),
    (["标题一则新闻", "本报讯 记者 王丽 实习生 郑可 " + P1], [("王丽", "记者"), ("郑可", "实习生")]),
]

# --- datelines --------------------------------------------------------------------------------
DATELINES = [
    ("本报讯 " + P1, "本报讯", P1),
    ("本报讯" + P1, "本报讯", P1),
    ("本报讯　" + P1, "本报讯", P1),
    ("本报讯（记者 张三）" + P1, "本报讯", P1),
    ("本报成都5月21日电 " + P1, "本报成都5月21日电", P1),
    ("本报北京电 " + P1, "本报北京电", P1),
    ("新华社北京3月2日电（记者 王五）" + P1, "新华社北京3月2日电", P1),
    ("新华社日内瓦6月8日电 " + P1, "新华社日内瓦6月8日电", P1),
    ("中新社上海10月9日电 " + P1, "中新社上海10月9日电", P1),
    ("人民网杭州6月8日电 " + P1, "人民网杭州6月8日电", P1),
    ("央视网消息 " + P1, "央视网消息", P1),
    ("据新华社电 " + P1, "据新华社电", P1),
    ("中新网北京3月2日电 " + P1, "中新网北京3月2日电", P1),
    ("本报上海5月21日讯 " + P1, "本报上海5月21日讯", P1),
    (P1, None, P1),
    ("本报记者从市统计局获悉，一季度全市生产总值同比增长6%。", None, "本报记者从市统计局获悉，一季度全市生产总值同比增长6%。"),
]

# --- captions and photos ------------------------------------------------------------------------
CAPTIONS = [
    ("图为游客在枇杷园中采摘枇杷。 新华社记者 徐昱 摄", "图为游客在枇杷园中采摘枇杷。", "新华社记者 徐昱 摄"),
    ("图为员工在生产特种车产品。 新华社发(陈阳 摄)", "图为员工在生产特种车产品。", "新华社发(陈阳 摄)"),
    ("5月17日，游客在湿地公园观鸟。（王五 摄）", "5月17日，游客在湿地公园观鸟。", "（王五 摄）"),
    ("工人在检修输电线路。本报记者 张三摄", "工人在检修输电线路。", "本报记者 张三摄"),
    ("无人机航拍的跨海大桥。张三/摄", "无人机航拍的跨海大桥。", "张三/摄"),
    ("村民在晾晒辣椒。 李四 摄", "村民在晾晒辣椒。", "李四 摄"),
    ("图为新建成的物流园区。 资料图片", "图为新建成的物流园区。", "资料图片"),
    ("图为新建成的物流园区。（新华社发）", "图为新建成的物流园区。", "（新华社发）"),
    ("图为新建成的物流园区。", "图为新建成的物流园区。", None),
]

PHOTOS = [
    (["杭州塘栖：农文旅助力乡村游", "5月17日，游客在枇杷园采摘枇杷。 新华社记者 徐昱 摄"],
     [{"kind": "photo", "headline": "杭州塘栖：农文旅助力乡村游", "body": "",
       "captions": [("5月17日，游客在枇杷园采摘枇杷。", "新华社记者 徐昱 摄")]}]),
    (["春耕正当时", "农民在田间插秧。 本报记者 张三 摄", "夏粮丰收在望", "收割机在麦田作业。（李四 摄）"],
     [{"kind": "photo", "headline": "春耕正当时"}, {"kind": "photo", "headline": "夏粮丰收在望"}]),
    (["春耕正当时", "农民在田间插秧。", "本报记者 张三 摄", "港口吞吐量创新高", "□ 本报记者 王进", P1],
     [{"kind": "photo", "captions": [("农民在田间插秧。", "本报记者 张三 摄")]}, {"kind": "article"}]),
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "图为繁忙的集装箱码头。 本报记者 王进 摄", P2],
     [{"kind": "article", "body": P1 + "\n" + P2, "captions": [("图为繁忙的集装箱码头。", "本报记者 王进 摄")]}]),
]

# --- column breaks ---------------------------------------------------------------------------------
BREAKS = [
    # mid-sentence after a comma
    (["标题一则新闻", "□ 本报记者 王进", "成都突出南向开放，深化与川南", "经济区合作，加密开行南向班列。"],
     "成都突出南向开放，深化与川南经济区合作，加密开行南向班列。"),
    # mid-word, long fragment
    (["标题一则新闻", "□ 本报记者 王进", "为助力集团公司打造新型产业链，该公司于2022年6月正式立项40万吨二", "氧化碳回收项目。"],
     "为助力集团公司打造新型产业链，该公司于2022年6月正式立项40万吨二氧化碳回收项目。"),
    # a sentence end inside the fragment
    (["标题一则新闻", "□ 本报记者 王进", "牵线搭桥，引凤回巢。对县籍", "在外专家进行摸排。"], "牵线搭桥，引凤回巢。对县籍在外专家进行摸排。"),
    # across a caption
    (["标题一则新闻", "□ 本报记者 王进", "该项目总投资12亿元，建成后年产", "图为项目建设现场。 本报记者 王进 摄", "值可达30亿元。"],
     "该项目总投资12亿元，建成后年产值可达30亿元。"),
    # across a byline printed between the halves
    (["标题一则新闻", P1, "下一步，该市将持续优化营商环境。为此，将推动", "□ 本报记者 王进", "项目早开工、早投产。"],
     "下一步，该市将持续优化营商环境。为此，将推动项目早开工、早投产。"),
    (["标题一则新闻", P1, "下一步，该市将持续优化营商环境，推动各类重点项目", "□ 本报记者 王进", "早开工、早投产。"],
     "下一步，该市将持续优化营商环境，推动各类重点项目早开工、早投产。"),
    # known limit: a short fragment with one comma before a byline reads as the next headline
    pytest.param(["标题一则新闻", P1, "下一步，该市将推动", "□ 本报记者 王进", "项目早开工、早投产。"],
                 "下一步，该市将推动项目早开工、早投产。",
                 marks=pytest.mark.xfail(strict=True, reason="headline-with-comma + byline reads the same")),
    # across page furniture
    (["标题一则新闻", "□ 本报记者 王进", "下一步，该市将持续优化营商环境，推动", "责任编辑：王芳", "项目早开工、早投产。"],
     "下一步，该市将持续优化营商环境，推动项目早开工、早投产。"),
    # the continuation starts with a comma
    (["标题一则新闻", "□ 本报记者 王进", "据了解该项目总投资", "，预计年内投产。"], "据了解该项目总投资，预计年内投产。"),
    # a short fragment ending in a function word
    (["标题一则新闻", "□ 本报记者 王进", P1, "全市新签约项目的", "总投资超过500亿元。"], "全市新签约项目的总投资超过500亿元。"),
    # a quote cut open
    (["标题一则新闻", "□ 本报记者 王进", "“我们将加快建设，", "力争年底前投产。”他说。"], "“我们将加快建设，力争年底前投产。”他说。"),
    # half-width punctuation
    (["标题一则新闻", "□ 本报记者 王进", "成都突出南向开放,深化与川南", "经济区合作,加密开行南向班列。"],
     "成都突出南向开放,深化与川南经济区合作,加密开行南向班列。"),
    # three pieces
    (["标题一则新闻", "□ 本报记者 王进", "该市聚焦产业集群，推动电子信息、装备制造", "和食品饮料三大产业，今年以来新增规上企业", "86家。"],
     "该市聚焦产业集群，推动电子信息、装备制造和食品饮料三大产业，今年以来新增规上企业86家。"),
    # Latin words keep their space
    (["标题一则新闻", "□ 本报记者 王进", "发布会上，企业展示了Smart", "Port系统的最新成果。"], "发布会上，企业展示了Smart Port系统的最新成果。"),
    # a trailing bracket that is not an attribution does not end a paragraph
    (["标题一则新闻", "□ 本报记者 王进", "该市印发《管理办法》（试行）", "，明确了各部门的职责。"],
     "该市印发《管理办法》（试行），明确了各部门的职责。"),
    # a verb that needs its object ends the cut half, under a title
    (["全省粮食生产再获丰收", "去年全省粮食总产量达到", "1350亿斤，创历史新高。"], "去年全省粮食总产量达到1350亿斤，创历史新高。"),
    # digits join without a space
    (["标题一则新闻", "□ 本报记者 王进", "全年完成投资12", "3亿元，同比增长9%。"], "全年完成投资123亿元，同比增长9%。"),
    # half-width punctuation: a decimal point and a score cut by a column break
    (["标题一则新闻", "□ 本报记者 王进", "全市用电负荷达到1062", ".4万千瓦,再创历史新高."], "全市用电负荷达到1062.4万千瓦,再创历史新高."),
    (["标题一则新闻", "□ 本报记者 王进", "天津泰达队最终以3:", "1逆转战胜广州富力队."], "天津泰达队最终以3:1逆转战胜广州富力队."),
    (["标题一则新闻", "□ 本报记者 王进", "广西糖料蔗产量约占全国的", "70%."], "广西糖料蔗产量约占全国的70%."),
    # a number cut at a column break
    (["标题一则新闻", "202", "2年，国家正式批复在贵州建设算力枢纽。"], "2022年，国家正式批复在贵州建设算力枢纽。"),
    (["标题一则新闻", "□ 本报记者 王进", "该区种植马铃薯", "100万亩,预计总产量达到220万吨."], "该区种植马铃薯100万亩,预计总产量达到220万吨."),
    (["标题一则新闻", "□ 本报记者 王进", "最高人民法院19", "日发布十起典型案例。"], "最高人民法院19日发布十起典型案例。"),
    # the rest of a sentence is only punctuation
    (["标题一则新闻", "□ 本报记者 王进", "打造“低空经济第一城", "”。"], "打造“低空经济第一城”。"),
    (["标题一则新闻", "□ 本报记者 王进", "每亩节水约40%、节肥约30", "%。"], "每亩节水约40%、节肥约30%。"),
    # the first half of a cut lead under a headline, no byline: a word cut, a particle, a verb
    # with no subject, a lead's time and comma, a block ending in a comma
    (["全省高标准农田建设提速", "高标", "准农田建设不仅提高了粮食产能。"], "高标准农田建设不仅提高了粮食产能。"),
    (["江苏检察机关办理公益诉讼案件", "江苏省人民", "检察院9日召开新闻发布会。"], "江苏省人民检察院9日召开新闻发布会。"),
    (["大连港智慧码头提升效率", "清晨", "的大连港集装箱码头，远程操控的岸桥正在作业。"], "清晨的大连港集装箱码头，远程操控的岸桥正在作业。"),
    (["银发经济迎来政策支持", "国家发展改革委社会发展司负责人", "表示，下一步将建立工作协调机制。"],
     "国家发展改革委社会发展司负责人表示，下一步将建立工作协调机制。"),
    (["湖北襄阳建成首个零碳产业园", "日前,湖北省襄阳市一座零碳产业园正式建成投", "用,园区实现绿电自给."],
     "日前,湖北省襄阳市一座零碳产业园正式建成投用,园区实现绿电自给."),
    (["财政部：减税降费超2.2万亿元", "司长贾荣华介绍，今年将延续和优化研发费用加计扣除、", "先进制造业企业增值税加计抵减等政策。"],
     "司长贾荣华介绍，今年将延续和优化研发费用加计扣除、先进制造业企业增值税加计抵减等政策。"),
    (["上海港集装箱吞吐量增长", "据上海市交通委员会", "消息，上海港上半年完成集装箱吞吐量2380万标准箱。"],
     "据上海市交通委员会消息，上海港上半年完成集装箱吞吐量2380万标准箱。"),
    # the cut lead repeats the headline above it
    (["第十九届中国戏剧节闭幕", "第十九届中国戏剧节", "日前在福建福州闭幕。23台剧目参加展演。"],
     "第十九届中国戏剧节日前在福建福州闭幕。23台剧目参加展演。"),
    # a reporter's source cut after 记者从: not a byline
    (["青岛海洋经济生产总值突破5000亿元", "记者从山", "东省青岛市海洋发展局获悉，青岛海洋经济持续壮大。"],
     "记者从山东省青岛市海洋发展局获悉，青岛海洋经济持续壮大。"),
    # a role word ending a cut sentence is not a byline
    (["标题一则新闻", "□ 本报记者 王进", "一位参与政策研究的专家告诉", "记者：", "“政策落地还需要配套细则。”"],
     "一位参与政策研究的专家告诉记者："),
    # a reporter's source opens a sentence, never a title
    (["全市开展冬季消防安全检查", "记者从市消防", "支队了解到，全市将开展冬季消防安全专项检查，重点检查高层建筑。（记者 林立）"],
     "记者从市消防支队了解到，全市将开展冬季消防安全专项检查，重点检查高层建筑。"),
    (["我国将建立分级诊疗制度", "国家卫生计生委", "有关负责人日前表示，我国将逐步建立分级诊疗制度。"],
     "国家卫生计生委有关负责人日前表示，我国将逐步建立分级诊疗制度。"),
    # a lead cut inside a run of its headline's words
    (["全市中小学生运动会开幕", "第十二届全市", "中小学生运动会26日在市体育中心开幕。"], "第十二届全市中小学生运动会26日在市体育中心开幕。"),
    # a half-width decimal point before a column break
    (["日本8月出口同比下降8.2%", "日本财务省发布的数据显示,日本8月份出口额为5.", "33万亿日元,同比下降8.2%."],
     "日本财务省发布的数据显示,日本8月份出口额为5.33万亿日元,同比下降8.2%."),
    # the second half of a cut line continues a word
    (["标题一则新闻", "新华社北京3月2日电 全国高标准农田建设规模持", "续扩大，已累计建成10亿亩。"],
     "全国高标准农田建设规模持续扩大，已累计建成10亿亩。"),
]

NOT_JOINED = [
    # two real paragraphs
    (["标题一则新闻", "□ 本报记者 王进", P1, P2], 2),
    # a paragraph ending with a colon introduces a quote
    (["标题一则新闻", "□ 本报记者 王进", "他告诉记者：", "“今年订单已经排到了年底。”"], 2),
    # a quote closed after a sentence end
    (["标题一则新闻", "□ 本报记者 王进", "“今年订单已经排到了年底。”", P2], 2),
    # an inner subhead between paragraphs
    (["标题一则新闻", "□ 本报记者 王进", P1, "协同创新 强化省会担当", P2], 3),
    # a fragment never joins into the next article's headline
    (["标题一则新闻", "□ 本报记者 王进", "下一步，该市将持续优化营商环境", "另一条新闻的标题", "□ 本报记者 李四", P2], 1),
    # a half-width stop after a number ends the sentence when no digits follow
    (["标题一则新闻", "□ 本报记者 王进", "陈冠宇以10秒13的成绩夺冠,另有4名选手跑进10秒20.", "\"今年是奥运年,每一场比赛都很重要.\"他说."], 2),
    # an unshaped inner subhead above a sentence opener
    (["标题一则新闻", "□ 本报记者 王进", P1, "老手艺遇上新技术", "如今，传统的修复技艺正在与现代科技结合。"], 3),
    (["标题一则新闻", "□ 本报记者 王进", P1, "从“试点”到“推广”", "去年以来，北京、上海等地先后启动试点。"], 3),
]

# --- several articles, inner subheads, briefs -------------------------------------------------------
ARTICLES = [
    # articles separated by one blank line only, no bylines on the second
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, P2 + "(兰云)", "乡村旅游持续升温", "本报讯 " + P3],
     [{"headline": "港口吞吐量创新高", "bylines": [("王进", "本报记者"), ("兰云", None)]},
      {"headline": "乡村旅游持续升温", "dateline": "本报讯", "body": P3}]),
    # inner subheads stay in the body
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "协同创新 强化省会担当", P2, "全域联动 激发发展动能", P3],
     [{"headline": "港口吞吐量创新高", "body": "\n".join([P1, "协同创新 强化省会担当", P2, "全域联动 激发发展动能", P3])}]),
    (["港口吞吐量创新高", "本报讯 " + P1, "一、坚持规划引领", P2, "二、强化要素保障", P3],
     [{"headline": "港口吞吐量创新高", "paragraphs": 5}]),
    # numbered subheads in an unsigned commentary
    (["以实干实绩推动高质量发展", P1, "一、坚持规划引领", P2, "二、强化要素保障", P3], [{"paragraphs": 5}]),
    # a new article after an article with bylines: more than one title line
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "乡村旅游持续升温", "五一假期接待游客同比增长三成，民宿预订火爆", P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": "乡村旅游持续升温", "subheadline": "五一假期接待游客同比增长三成，民宿预订火爆"}]),
    # a new article opened by its byline
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "乡村旅游持续升温", "□ 本报记者 李四", P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": "乡村旅游持续升温", "bylines": [("李四", "本报记者")]}]),
    # a new article opened by its dateline
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "乡村旅游持续升温", "本报讯 " + P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": "乡村旅游持续升温"}]),
    # unsigned short items: a lead opening starts a new one
    (["港口吞吐量创新高", P1, "乡村旅游持续升温", "5月1日，全市接待游客同比增长三成。"],
     [{"headline": "港口吞吐量创新高"}, {"headline": "乡村旅游持续升温"}]),
    # text before any headline (continued from another page)
    ([P2, "港口吞吐量创新高", "□ 本报记者 王进", P1], [{"headline": None, "body": P2}, {"headline": "港口吞吐量创新高"}]),
    # end mark
    (["港口吞吐量创新高", "□ 本报记者 王进", P1 + "（完）"], [{"body": P1}]),
    # a numbered list is part of the article, not a new one
    (["港口吞吐量创新高", "□ 本报记者 王进", "会议部署了三项任务：", "1.加大财政支持力度", "2.强化金融服务保障",
      "3.稳定和扩大就业", P3], [{"headline": "港口吞吐量创新高", "paragraphs": 5}]),
    # a dateline with no headline opens a new item
    (["港口吞吐量创新高", "□ 本报记者 王进", P1, "新华社北京3月2日电 " + P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": None, "dateline": "新华社北京3月2日电", "body": P3}]),
    # a section label above a picture story stays a section label
    (["图片新闻", "春耕正当时", "农民在田间插秧。 本报记者 张三 摄"], [{"section": "图片新闻", "kind": "photo", "headline": "春耕正当时"}]),
    (["图片新闻", "农民在田间插秧。 本报记者 张三 摄"], [{"section": "图片新闻", "kind": "photo", "headline": None}]),
    # a line of ornaments is not a title
    (["★★★", "港口吞吐量创新高", P1], [{"headline": "港口吞吐量创新高", "kicker": None}]),
    # a roundup of briefs
    (["速览", "港口吞吐量创新高", P1, "乡村旅游持续升温", "5月1日，全市接待游客同比增长三成。", "新能源车销量增长", "今年以来，全市新能源汽车销量同比增长52%。"],
     [{"kind": "brief", "section": "速览", "headline": "港口吞吐量创新高"}, {"kind": "brief", "headline": "乡村旅游持续升温"},
      {"kind": "brief", "headline": "新能源车销量增长"}]),
    (["新闻速递", "【港口吞吐量创新高】" + P1, "【乡村旅游持续升温】5月1日，全市接待游客同比增长三成。"],
     [{"kind": "brief", "headline": "港口吞吐量创新高", "body": P1}, {"kind": "brief", "headline": "乡村旅游持续升温"}]),
    # unsigned short items after a signed article: each lead restates its headline
    (["港口吞吐量创新高", "◎本报记者 王浩", P1, "山东寿光蔬菜种苗年产18亿株",
      "山东省寿光市现有蔬菜种苗企业400余家，年繁育种苗18亿株，供应全国20多个省份。",
      "甘肃定西马铃薯进入采挖季", "连日来，甘肃省定西市安定区的马铃薯进入集中采挖期。"],
     [{"headline": "港口吞吐量创新高"}, {"headline": "山东寿光蔬菜种苗年产18亿株", "bylines": []},
      {"headline": "甘肃定西马铃薯进入采挖季"}]),
    # …but parallel short subheads stay in their article although their paragraphs echo them
    (["万米深渊里的“中国声音”", "□ 本报记者 王进", P1, "国产化率超过96%", "“奋斗者”号国产化率超过96%，耐压舱实现自主研制。",
      "带回海底“宝藏”", "依托“奋斗者”号，科学家带回了大量深渊样品。"], [{"paragraphs": 5}]),
    # a roundup label by its suffix, and items headed by 【】 under any label
    (["城事速览", "市民卡可在42家医院挂号", "即日起，市民持市民卡可在全市42家公立医院自助挂号。",
      "西湖公园夜间开放延长至22时", "8月15日至9月30日，西湖公园夜间开放时间延长至22时。"],
     [{"kind": "brief", "section": "城事速览"}, {"kind": "brief", "section": "城事速览"}]),
    (["乡镇动态", "【城关镇】6月5日，城关镇组织开展防汛应急演练。（李强）", "【河口乡】河口乡今年发展高山蔬菜种植3200亩。（吴芳）"],
     [{"kind": "brief", "headline": "城关镇", "section": "乡镇动态"}, {"kind": "brief", "headline": "河口乡"}]),
    # a compound section label over a story continued from page one
    (["要闻·综合", "（上接第一版）", P2], [{"section": "要闻·综合", "headline": None, "body": P2}]),
    # a jump to another page ends the story: the next title lines open a new one
    (["港口吞吐量创新高", "本报讯 " + P1, P2, "（下转第二版）", "本报评论员", "以钉钉子精神抓好落实", "一分部署，九分落实。" + P3],
     [{"headline": "港口吞吐量创新高"}, {"headline": "以钉钉子精神抓好落实"}]),
    # a letter signed at its end, then the next headline
    (["读者来信", "公园健身器材该修了", "编辑同志：", "公园里的健身器材不少已经损坏，希望有关部门尽快维修。", "读者 李建国",
      "全市中小学生运动会开幕", "第十二届全市中小学生运动会26日在市体育中心开幕。"],
     [{"section": "读者来信", "headline": "公园健身器材该修了", "bylines": [("李建国", "读者")]},
      {"headline": "全市中小学生运动会开幕"}]),
    # an attribution cut by a column break ends its article all the same
    (["社区法官工作室揭牌", "12月1日，市中级人民法院在全市56个社区设立的社区法官工作室统一揭牌。（秦海", "峰 黄晓）",
      "全市开展冬季消防安全检查", "即日起至明年2月底，全市将开展冬季消防安全专项检查。"],
     [{"headline": "社区法官工作室揭牌", "bylines": [("秦海峰", None), ("黄晓", None)]}, {"headline": "全市开展冬季消防安全检查"}]),
    # a dialogue: 问：/答： turns are paragraphs, not titles
    (["秋冬季节如何预防流感", "□ 本报记者 白剑峰", P1, "问：今年的流感流行趋势如何？", "答：目前南方部分省份流感活动有所上升。",
      "问：哪些人群应当优先接种？", "答：老年人、儿童和慢性病患者应当优先接种。"], [{"paragraphs": 5}]),
    # plain subheads of a feature, one of them after a picture: all stay in the article
    (["守着大山里的“星星”", "□ 本报记者 赵鹏", P1, "一间教室到一座校园", "1998年，刚毕业的和丽萍来到这里。", P2,
      "和丽萍在给学生们上课。 本报记者 赵鹏 摄", "把“星星”送出大山", "和丽萍把学生们叫作“大山里的星星”。为", "了让孩子们走出大山，她坚持家访。"],
     [{"headline": "守着大山里的“星星”", "paragraphs": 6}]),
    # a picture credited on its own line is a photo, not a byline
    (["义诊进社区", "10月13日，医生在社区为居民测量血压。", "本报记者 王汉超摄"],
     [{"kind": "photo", "headline": "义诊进社区", "bylines": [], "captions": [("10月13日，医生在社区为居民测量血压。", "本报记者 王汉超摄")]}]),
    # roundup then a full article
    (["简讯", "港口吞吐量创新高", P1, "乡村旅游持续升温", "五一假期接待游客同比增长三成，民宿预订火爆", "□ 本报记者 李四", P3],
     [{"kind": "brief"}, {"kind": "article", "section": None, "headline": "乡村旅游持续升温"}]),
]

FURNITURE = [
    (["2023年6月12日 星期一", "港口吞吐量创新高", P1], "2023-06-12", 1),
    (["经济日报　2016年11月23日　星期三", "港口吞吐量创新高", P1], "2016-11-23", 1),
    (["法制日报 2014年9月4日 星期四 第5版 地方", "港口吞吐量创新高", P1], "2014-09-04", 1),
    (["港口吞吐量创新高", P1, "本版编辑　孟　飞　美　编　王子萱"], None, 1),
    (["港口吞吐量创新高", P1, "责编：王　珏"], None, 1),
    (["A12 2016.4.21 星期四 社会", "港口吞吐量创新高", P1], "2016-04-21", 1),
    (["健康周刊 第7版", "港口吞吐量创新高", P1], None, 1),
    (["二〇〇六年十一月二十日 星期一", "港口吞吐量创新高", P1], None, 1),
    (["第5版", "港口吞吐量创新高", P1, "责任编辑：王芳"], None, 1),
    (["港口吞吐量创新高", P1, "版式设计：李娜", "本版编辑 张伟"], None, 1),
    (["港口吞吐量创新高", P1, "下转第三版"], None, 1),
]

TERMINAL = [
    ("他说。", True), ("他说。”", True), ("为什么？", True), ("真好！」", True), ("如下：", True),
    ("提供有力支撑。(兰云)", True), ("完成任务。（完）", True), ("深化与川南", False), ("“我们将加快建设，", False),
    ("年产值30亿元", False), ("增长5.", False), ("in the end.", True), ("", True), ("（试行）", False),
    ("严禁压级压价、打白条.(徐海燕)", True), ("他说.", True), ("比去年还要好一些.\"", True), ("最终以3:", False),
    ("比分定格在3：", False), ("他表示:", True),
]


@pytest.mark.parametrize("blocks,expected", HEADERS)
def test_headers(blocks, expected):
    check(seg(blocks), expected)


@pytest.mark.parametrize("blocks,want", BYLINES)
def test_bylines(blocks, want):
    arts = seg(blocks).articles
    assert len(arts) == 1
    assert [(b.name, b.role) for b in arts[0].bylines] == want
    assert arts[0].body.startswith(P1)
    assert arts[0].body.endswith(P1)


@pytest.mark.parametrize("text,dateline,rest", DATELINES)
def test_datelines(text, dateline, rest):
    got, _, body = split_dateline(text)
    assert (got, body) == (dateline, rest)
    art = seg(["标题一则新闻", text]).articles[0]
    assert art.dateline == dateline and art.body == rest


@pytest.mark.parametrize("text,caption,credit", CAPTIONS)
def test_split_credit(text, caption, credit):
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("blocks,expected", PHOTOS)
def test_photos(blocks, expected):
    check(seg(blocks), expected)


@pytest.mark.parametrize("blocks,paragraph", BREAKS)
def test_column_breaks_joined(blocks, paragraph):
    arts = seg(blocks).articles
    assert len(arts) == 1, [a.headline for a in arts]
    assert paragraph in arts[0].body.split("\n")


@pytest.mark.parametrize("blocks,paragraphs", NOT_JOINED)
def test_real_paragraphs_not_joined(blocks, paragraphs):
    art = seg(blocks).articles[0]
    assert len(art.body.split("\n")) == paragraphs, art.body


@pytest.mark.parametrize("blocks,expected", ARTICLES)
def test_articles(blocks, expected):
    check(seg(blocks), expected)


@pytest.mark.parametrize("blocks,date,n", FURNITURE)
def test_furniture(blocks, date, n):
    page = seg(blocks)
    assert page.date == date
    assert len(page.articles) == n
    assert all("编辑" not in a.body and "版式" not in a.body and "转第" not in a.body for a in page.articles)


@pytest.mark.parametrize("text,terminal", TERMINAL)
def test_is_terminal(text, terminal):
    assert is_terminal(text) is terminal


@pytest.mark.parametrize("text,want", [
    ("本报记者 王进", [("王进", "本报记者")]),
    ("记者 王 进", [("王进", "记者")]),
    ("张三 李四", [("张三", None), ("李四", None)]),
    ("高质量 发展", None),
    ("港口吞吐量创新高", None),
    ("本报记者王进", [("王进", "本报记者")]),
    ("通讯员 欧阳修远", [("欧阳修远", "通讯员")]),
])
def test_parse_names(text, want):
    got = parse_names(text)
    assert (None if got is None else [(b.name, b.role) for b in got]) == want


def test_gaps_mark_article_ends_when_the_page_uses_them():
    page = seg(["港口吞吐量创新高", P1, "乡村旅游持续升温", P3], gaps=[0, 1, 3, 1])
    assert [a.headline for a in page.articles] == ["港口吞吐量创新高", "乡村旅游持续升温"]


def test_font_size_picks_the_headline():
    blocks = [Block("奋力推进高质量发展", 0, font_size=14), Block("港口吞吐量创新高", 1, font_size=28),
              Block(P1, 2, font_size=10)]
    page = segment_page(Page(Source("t", "0" * 64), blocks))
    a = page.articles[0]
    assert (a.kicker, a.headline) == ("奋力推进高质量发展", "港口吞吐量创新高")
