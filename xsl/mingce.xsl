<?xml version="1.0" encoding="UTF-8"?>
<!--
  mingce.xsl: 缴费基数名册打印 (缴费管理; cgi-bin/mingce.c).  Views:
    index  the form (a year) and the 名册 the unit issued, each with its
           print view and its .xlsx;
    print  a page of a 名册's A4 sheets (30 persons a sheet, 10 sheets a
           page), on a print-only page: every sheet carries the 名册编号,
           the 验证码 and 第 n/N 张, the last the totals; the sheets break
           between them when printed.
  The 打印 button needs /static/hall.js; without it Ctrl+P prints, and
  hall.css's @media print hides the toolbar.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The form and the 名册 issued. -->
  <xsl:template match="page[@view = 'index']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">缴费基数名册打印</xsl:with-param></xsl:call-template>
    <p class="note">选择年度后点击“生成名册”:列出本单位在该年度(本年度为当月,以往年度为12月,下一年度为1月)参保缴费的全部职工及其申报工资和缴费基数。名册一经生成即编号并附验证码,内容固定,可分页打印(A4)或下载Excel,凭名册编号和验证码可在回执验证页查验真伪。</p>
    <form method="post" action="/mingce/issue" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{form/@token}"/>
      <p>
        <label for="f-year"><xsl:call-template name="required-mark"/>年度</label>
        <xsl:text> </xsl:text>
        <select id="f-year" name="year">
          <xsl:if test="errors/error[@field = 'year']">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="class">invalid</xsl:attribute>
          </xsl:if>
          <xsl:for-each select="years/year">
            <option value="{.}">
              <xsl:if test=". = /page/mingce-form/@year"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/><xsl:text>年度</xsl:text>
            </option>
          </xsl:for-each>
        </select>
        <xsl:text> </xsl:text>
        <button type="submit" class="btn btn-primary">生成名册</button>
      </p>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">year</xsl:with-param></xsl:call-template>
    </form>

    <xsl:call-template name="section"><xsl:with-param name="title">已生成的名册</xsl:with-param></xsl:call-template>
    <table class="grid">
      <thead>
        <tr><th>名册编号</th><th>年度</th><th>基数所属月份</th><th>人数</th><th>申报工资合计(元)</th><th>缴费基数合计(元)</th><th>生成日期</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="issued/mingce">
          <tr>
            <td class="mono"><xsl:value-of select="@no"/></td>
            <td><xsl:value-of select="@year"/></td>
            <td><xsl:value-of select="@month"/></td>
            <td class="num"><xsl:value-of select="@persons"/></td>
            <td class="num"><xsl:value-of select="@wage-total"/></td>
            <td class="num"><xsl:value-of select="@base-total"/></td>
            <td><xsl:value-of select="@issued"/></td>
            <td class="ops">
              <a class="op" href="/mingce/view?id={@id}">打印</a>
              <xsl:text> </xsl:text>
              <a class="op" href="/mingce/xlsx?id={@id}">下载Excel</a>
              <a class="op" href="/mingce/view?id={@id}&amp;format=pdf">下载PDF</a>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(issued/mingce)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">8</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="issued/pager/@total"/>
      <xsl:with-param name="page" select="issued/pager/@page"/>
      <xsl:with-param name="size" select="issued/pager/@size"/>
      <xsl:with-param name="base-url" select="issued/pager/@base"/>
      <xsl:with-param name="unit" select="'份'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The print view: a toolbar and the sheets, no frame. -->
  <xsl:template match="/page[@view = 'print' and mingce/@no != '']">
    <xsl:variable name="m" select="mingce"/>
    <xsl:variable name="pg" select="sheets/pager"/>
    <html lang="zh-CN">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="@title"/> - <xsl:value-of select="$m/@no"/></title>
        <link rel="stylesheet" href="/static/hall.css"/>
        <script src="/static/hall.js" defer="defer"></script>
      </head>
      <body class="prog-mingce view-print print-page">
        <div class="print-toolbar no-print">
          <a class="btn" href="/mingce">返回</a>
          <button type="button" class="btn btn-primary" data-print="1">打印本页</button>
          <a class="btn" href="/mingce/xlsx?id={$m/@id}">下载Excel(全部 <xsl:value-of select="$m/@persons"/> 人)</a>
          <a class="btn" href="/mingce/view?id={$m/@id}&amp;format=pdf">下载PDF</a>
          <xsl:call-template name="pager">
            <xsl:with-param name="total" select="$pg/@total"/>
            <xsl:with-param name="page" select="$pg/@page"/>
            <xsl:with-param name="size" select="$pg/@size"/>
            <xsl:with-param name="base-url" select="$pg/@base"/>
          </xsl:call-template>
        </div>
        <p class="print-toolbar no-print print-hint">
          <xsl:text>本页 </xsl:text><xsl:value-of select="count(sheets/sheet/row)"/><xsl:text> 人(</xsl:text>
          <xsl:value-of select="count(sheets/sheet)"/><xsl:text> 张 A4,共 </xsl:text><xsl:value-of select="$m/@persons"/><xsl:text> 人);请按 </xsl:text><kbd>Ctrl</kbd><xsl:text>+</xsl:text><kbd>P</kbd>
          <xsl:text> 打印,纸张选择 A4、纵向,页眉页脚选择「无」。</xsl:text>
        </p>
        <xsl:for-each select="sheets/sheet">
          <xsl:call-template name="sheet"><xsl:with-param name="m" select="$m"/></xsl:call-template>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <!-- One A4 sheet of the 名册. -->
  <xsl:template name="sheet">
    <xsl:param name="m"/>
    <article class="receipt mingce-sheet">
      <p class="receipt-org"><xsl:call-template name="org"/></p>
      <h1 class="receipt-title"><xsl:value-of select="$m/@year"/>年度缴费基数名册</h1>
      <div class="receipt-meta">
        <span>单位: <xsl:value-of select="$m/@unit"/></span>
        <span>基数所属月份: <xsl:value-of select="$m/@month"/></span>
      </div>
      <div class="receipt-meta">
        <span>名册编号: <span class="mono"><xsl:value-of select="$m/@no"/></span></span>
        <span>验证码: <strong class="mono verify-code"><xsl:value-of select="$m/@code"/></strong></span>
        <span>第 <xsl:value-of select="@n"/>/<xsl:value-of select="@of"/> 张</span>
      </div>
      <table class="grid receipt-persons">
        <thead>
          <tr><th>序号</th><th>个人编号</th><th>姓名</th><th>身份证号</th><th>申报工资(元)</th><th>缴费基数(元)</th><th>起始月份</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="row">
            <tr>
              <td class="num"><xsl:value-of select="@no"/></td>
              <td class="mono"><xsl:value-of select="@sb-no"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td class="mono idno"><xsl:value-of select="@idno"/></td>
              <td class="num"><xsl:value-of select="@wage"/></td>
              <td class="num"><xsl:value-of select="@base"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@from != ''"><xsl:value-of select="@from"/></xsl:when>
                  <xsl:otherwise>参保时核定</xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(row)">
            <tr><td colspan="7" class="empty">本单位该年度无参保缴费人员</td></tr>
          </xsl:if>
        </tbody>
        <xsl:if test="@last = '1'">
          <tfoot>
            <tr>
              <th colspan="4">合计 <xsl:value-of select="$m/@persons"/> 人</th>
              <td class="num"><xsl:value-of select="$m/@wage-total"/></td>
              <td class="num"><xsl:value-of select="$m/@base-total"/></td>
              <td></td>
            </tr>
          </tfoot>
        </xsl:if>
      </table>
      <div class="verify-box">
        <p>
          <xsl:text>共 </xsl:text><xsl:value-of select="$m/@persons"/><xsl:text> 人,缴费基数合计 </xsl:text>
          <xsl:value-of select="$m/@base-total"/><xsl:text> 元。生成日期: </xsl:text><xsl:value-of select="$m/@issued"/>
        </p>
        <p>
          <xsl:text>可凭名册编号和验证码在 </xsl:text>
          <span class="mono"><xsl:value-of select="$m/@verify-url"/></span>
          <xsl:text> 查验真伪。</xsl:text>
        </p>
      </div>
    </article>
  </xsl:template>

</xsl:stylesheet>
