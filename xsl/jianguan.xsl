<?xml version="1.0" encoding="UTF-8"?>
<!--
  jianguan.xsl: the unit's 监管与预警 page (cgi-bin/jianguan.c).  Views:
    index  离职及时率 and 用工备案及时率 of the last 12 months, each an SVG
           bar chart drawn here (no script) with its table; the open work
           by business and state with its age; the 预警, 断缴 and 数据不全
           lists, each its total and first lines, a link to the whole
           list and its .xlsx; each line links to the business that
           fixes it;
    list   one list, a page at a time.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svg="http://www.w3.org/2000/svg" exclude-result-prefixes="svg">

  <xsl:import href="layout.xsl"/>

  <!-- The overview. -->
  <xsl:template match="page[@view = 'index']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">单位监管与预警</xsl:with-param></xsl:call-template>
    <p class="note">按月统计本单位办理退工登记、用工备案的及时率(按自然日计算,节假日不顺延),列出待办业务及其等待天数,以及需要关注的人员:办理期限将到或已过、只办了一半、断缴和信息不一致的人员。点击每行的操作进入办理该事项的业务。</p>

    <div class="jg-charts">
      <xsl:for-each select="timeliness">
        <xsl:call-template name="jg-chart"/>
      </xsl:for-each>
    </div>

    <xsl:call-template name="section"><xsl:with-param name="title">待办业务</xsl:with-param><xsl:with-param name="note">未提交的按创建时间、审核中的按提交时间计算等待天数</xsl:with-param></xsl:call-template>
    <table class="grid jg-work">
      <thead><tr><th>业务</th><th>状态</th><th>件数</th><th>最早一件已等待(天)</th><th>操作</th></tr></thead>
      <tbody>
        <xsl:for-each select="open-work/work">
          <tr>
            <td><xsl:value-of select="@name"/></td>
            <td><xsl:value-of select="@state"/></td>
            <td class="num"><xsl:value-of select="@count"/></td>
            <td class="num"><xsl:value-of select="@days"/></td>
            <td class="ops">
              <xsl:choose>
                <xsl:when test="@state = '未提交'"><a class="op" href="/home">查看待办</a></xsl:when>
                <xsl:otherwise><a class="op" href="/home">查看已办</a></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(open-work/work)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">5</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>

    <xsl:call-template name="section"><xsl:with-param name="title">预警</xsl:with-param><xsl:with-param name="note" select="concat('办理期限前', lists/@warn-days, '日起列入')"/></xsl:call-template>
    <xsl:apply-templates select="lists/list[@section = 'warn']" mode="jg-preview"/>
    <xsl:call-template name="section"><xsl:with-param name="title">断缴人员</xsl:with-param></xsl:call-template>
    <xsl:apply-templates select="lists/list[@section = 'gap']" mode="jg-preview"/>
    <xsl:call-template name="section"><xsl:with-param name="title">数据不全(用工备案与参保不一致)</xsl:with-param></xsl:call-template>
    <xsl:apply-templates select="lists/list[@section = 'incomplete']" mode="jg-preview"/>
  </xsl:template>

  <!-- One chart: a bar per month, its height the rate, gray where the
       month decided nothing; then the figures as a table. -->
  <xsl:template name="jg-chart">
    <figure class="jg-chart" id="chart-{@kind}">
      <figcaption>
        <strong><xsl:value-of select="@title"/></strong>
        <xsl:text> </xsl:text><xsl:value-of select="@from"/><xsl:text> 至 </xsl:text><xsl:value-of select="@to"/>
        <xsl:text>:及时 </xsl:text><xsl:value-of select="@on-time"/>
        <xsl:text>,逾期 </xsl:text><xsl:value-of select="@late"/>
        <xsl:text>,未到期待办 </xsl:text><xsl:value-of select="@pending"/>
        <xsl:text>,及时率 </xsl:text>
        <span class="jg-rate">
          <xsl:choose>
            <xsl:when test="@pct != ''"><xsl:value-of select="@pct"/>%</xsl:when>
            <xsl:otherwise>—</xsl:otherwise>
          </xsl:choose>
        </span>
      </figcaption>
      <svg xmlns="http://www.w3.org/2000/svg" class="jg-svg" width="540" height="180" viewBox="0 0 540 180" role="img" aria-label="{@title}">
        <line x1="36" y1="140" x2="530" y2="140" stroke="#888" stroke-width="1"/>
        <line x1="36" y1="80" x2="530" y2="80" stroke="#ddd" stroke-width="1" stroke-dasharray="3,3"/>
        <line x1="36" y1="20" x2="530" y2="20" stroke="#ddd" stroke-width="1" stroke-dasharray="3,3"/>
        <text x="30" y="144" font-size="10" text-anchor="end" fill="#555">0%</text>
        <text x="30" y="84" font-size="10" text-anchor="end" fill="#555">50%</text>
        <text x="30" y="24" font-size="10" text-anchor="end" fill="#555">100%</text>
        <xsl:for-each select="month">
          <xsl:variable name="x" select="40 + (position() - 1) * 41"/>
          <g class="jg-bar">
            <title><xsl:value-of select="@period"/>:及时 <xsl:value-of select="@on-time"/>,逾期 <xsl:value-of select="@late"/>,待办 <xsl:value-of select="@pending"/><xsl:if test="@pct != ''">,及时率 <xsl:value-of select="@pct"/>%</xsl:if></title>
            <xsl:choose>
              <xsl:when test="@rate != ''">
                <xsl:variable name="h" select="round(@rate * 120 div 1000)"/>
                <xsl:variable name="fill">
                  <xsl:choose>
                    <xsl:when test="@rate &gt;= 900">#2e7d32</xsl:when>
                    <xsl:when test="@rate &gt;= 600">#e0a100</xsl:when>
                    <xsl:otherwise>#c62828</xsl:otherwise>
                  </xsl:choose>
                </xsl:variable>
                <rect x="{$x}" y="{140 - $h}" width="30" height="{$h}" fill="{$fill}" data-period="{@period}" data-rate="{@rate}"/>
                <text x="{$x + 15}" y="{136 - $h}" font-size="10" text-anchor="middle" fill="#222"><xsl:value-of select="round(@rate div 10)"/>%</text>
              </xsl:when>
              <xsl:otherwise>
                <rect x="{$x}" y="138" width="30" height="2" fill="#bbb" data-period="{@period}" data-rate=""/>
                <text x="{$x + 15}" y="134" font-size="10" text-anchor="middle" fill="#999">—</text>
              </xsl:otherwise>
            </xsl:choose>
            <text x="{$x + 15}" y="156" font-size="10" text-anchor="middle" fill="#555"><xsl:value-of select="number(@mm)"/>月</text>
          </g>
        </xsl:for-each>
      </svg>
      <table class="grid jg-figures">
        <thead>
          <tr><th>月份</th><xsl:for-each select="month"><th><xsl:value-of select="@period"/></th></xsl:for-each></tr>
        </thead>
        <tbody>
          <tr><th>及时</th><xsl:for-each select="month"><td class="num"><xsl:value-of select="@on-time"/></td></xsl:for-each></tr>
          <tr><th>逾期</th><xsl:for-each select="month"><td class="num"><xsl:value-of select="@late"/></td></xsl:for-each></tr>
          <tr><th>待办</th><xsl:for-each select="month"><td class="num"><xsl:value-of select="@pending"/></td></xsl:for-each></tr>
          <tr><th>及时率</th><xsl:for-each select="month"><td class="num"><xsl:choose><xsl:when test="@pct != ''"><xsl:value-of select="@pct"/>%</xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></td></xsl:for-each></tr>
        </tbody>
      </table>
    </figure>
  </xsl:template>

  <!-- A list's heading: its title and total. -->
  <xsl:template name="jg-list-title">
    <h3 class="jg-list-title" id="list-{@name}">
      <xsl:value-of select="@title"/>
      <xsl:text>(</xsl:text>
      <span class="jg-total"><xsl:value-of select="@total"/><xsl:if test="@capped = '1'">+</xsl:if></span>
      <xsl:text>人)</xsl:text>
    </h3>
  </xsl:template>

  <!-- A list's table: its columns, then 操作 (the business that fixes
       the line). -->
  <xsl:template name="jg-list-table">
    <xsl:variable name="cols" select="col"/>
    <table class="grid jg-list" data-list="{@name}">
      <thead>
        <tr>
          <xsl:for-each select="col"><th><xsl:value-of select="."/></th></xsl:for-each>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="row">
          <xsl:variable name="row" select="."/>
          <tr>
            <xsl:for-each select="$cols">
              <xsl:variable name="key" select="@key"/>
              <td>
                <xsl:if test="$key = 'idno' or $key = 'sb-no' or $key = 'seq'"><xsl:attribute name="class">mono</xsl:attribute></xsl:if>
                <xsl:if test="$key = 'state' and starts-with($row/@state, '已逾期')"><xsl:attribute name="class">jg-late</xsl:attribute></xsl:if>
                <xsl:value-of select="$row/@*[local-name() = $key]"/>
              </td>
            </xsl:for-each>
            <td class="ops">
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="@href"/>
                <xsl:with-param name="label" select="../@fix-label"/>
                <xsl:with-param name="class" select="'op'"/>
              </xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(row)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols" select="count(col) + 1"/></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- A list on the overview: its first lines and the way to the rest. -->
  <xsl:template match="list" mode="jg-preview">
    <section class="jg-section">
      <xsl:call-template name="jg-list-title"/>
      <xsl:call-template name="jg-list-table"/>
      <xsl:if test="@total &gt; 0">
        <p class="jg-more">
          <xsl:if test="@total &gt; count(row)">
            <a href="/jianguan/list?name={@name}">查看全部</a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <a href="/jianguan/xlsx?name={@name}">下载Excel</a>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- One list, a page at a time. -->
  <xsl:template match="page[@view = 'list']" mode="content">
    <p class="crumbs-back"><a href="/jianguan">返回单位监管与预警</a></p>
    <xsl:for-each select="list">
      <xsl:call-template name="jg-list-title"/>
      <p class="jg-more"><a href="/jianguan/xlsx?name={@name}">下载Excel</a></p>
      <xsl:call-template name="jg-list-table"/>
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="pager/@total"/>
        <xsl:with-param name="page" select="pager/@page"/>
        <xsl:with-param name="size" select="pager/@size"/>
        <xsl:with-param name="base-url" select="pager/@base"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
