<?xml version="1.0" encoding="UTF-8"?>
<!--
  jiandu.xsl: the office's 监管 page (reviewers).
  Views: index (the queue by business and age against the promised
  review time, with a stacked SVG bar per business; the queue overdue
  first; the units ranked by 离职及时率, the 10 worst; the month's 回退
  by reason; the day's appointments), returns (every 回退原因 of a
  month, paged) and units (the ranking, paged).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- A stacked bar of a business's queue: fresh, within, overdue. -->
  <xsl:template name="age-bar">
    <xsl:param name="b"/>
    <xsl:param name="max"/>
    <xsl:variable name="w" select="240"/>
    <!-- Numbers from select expressions only: a variable built from
         content is a tree that every use converts again (costly). -->
    <xsl:variable name="m" select="number($max)"/>
    <xsl:variable name="scale" select="($m &gt; 0) * $w div ($m + ($m = 0))"/>
    <xsl:variable name="x1" select="$b/@fresh * $scale"/>
    <xsl:variable name="x2" select="$b/@within * $scale"/>
    <xsl:variable name="x3" select="$b/@overdue * $scale"/>
    <svg class="age-bar" width="{$w}" height="14" viewBox="0 0 {$w} 14" role="img">
      <title><xsl:value-of select="concat($b/@name, ':未满最短时限 ', $b/@fresh, ' 笔,时限内 ', $b/@within, ' 笔,已超时 ', $b/@overdue, ' 笔')"/></title>
      <rect x="0" y="0" width="{$w}" height="14" fill="#f2f2f2"/>
      <rect x="0" y="0" width="{$x1}" height="14" fill="#7fb3d5"/>
      <rect x="{$x1}" y="0" width="{$x2}" height="14" fill="#f5b041"/>
      <rect x="{$x1 + $x2}" y="0" width="{$x3}" height="14" fill="#c0392b"/>
    </svg>
  </xsl:template>

  <!-- Page links of a <pager>: 共 N 条, 第 P/K 页 and the links. -->
  <xsl:template name="jd-pager">
    <xsl:param name="p"/>
    <xsl:param name="unit" select="'条'"/>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="$p/@total"/>
      <xsl:with-param name="page" select="$p/@page"/>
      <xsl:with-param name="size" select="$p/@size"/>
      <xsl:with-param name="base-url" select="$p/@base"/>
      <xsl:with-param name="unit" select="$unit"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The month switcher of the 回退 lists. -->
  <xsl:template name="month-form">
    <xsl:param name="action"/>
    <xsl:variable name="r" select="returns"/>
    <form method="get" action="{$action}" class="form filter">
      <label for="f-month">月份</label>
      <input type="month" id="f-month" name="month" value="{$r/@month}" placeholder="YYYY-MM"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">month</xsl:with-param></xsl:call-template>
      <button type="submit" class="btn btn-primary">查看</button>
      <xsl:text> </xsl:text>
      <a class="op" href="{$action}?month={$r/@prev}">上一月</a>
      <xsl:text> </xsl:text>
      <a class="op" href="{$action}?month={$r/@next}">下一月</a>
    </form>
  </xsl:template>

  <!-- The reasons of returns/reason as a table. -->
  <xsl:template name="reasons-table">
    <table class="grid reasons">
      <thead>
        <tr><th>序号</th><th>回退原因</th><th>整件回退(笔)</th><th>部分回退(人次)</th><th>合计</th></tr>
      </thead>
      <tbody>
        <xsl:variable name="first" select="(returns/pager/@page - 1) * returns/pager/@size"/>
        <xsl:for-each select="returns/reason">
          <tr>
            <td class="num">
              <xsl:choose>
                <xsl:when test="../pager"><xsl:value-of select="$first + position()"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="position()"/></xsl:otherwise>
              </xsl:choose>
            </td>
            <td><xsl:value-of select="."/></td>
            <td class="num"><xsl:value-of select="@tasks"/></td>
            <td class="num"><xsl:value-of select="@persons"/></td>
            <td class="num"><xsl:value-of select="@n"/></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(returns/reason)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">5</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- The totals line of <returns>. -->
  <xsl:template name="returns-totals">
    <p class="note returns-totals">
      <xsl:value-of select="returns/@month"/>
      <xsl:text>:整件回退 </xsl:text><xsl:value-of select="returns/@tasks"/>
      <xsl:text> 笔,部分回退 </xsl:text><xsl:value-of select="returns/@persons"/>
      <xsl:text> 人次,回退原因 </xsl:text><xsl:value-of select="returns/@reasons"/><xsl:text> 种。</xsl:text>
    </p>
  </xsl:template>

  <!-- The units ranked by 离职及时率 (<ranking>), with its period form. -->
  <xsl:template name="ranking-table">
    <xsl:param name="action"/>
    <xsl:variable name="k" select="ranking"/>
    <form method="get" action="{$action}" class="form filter">
      <label for="f-period">统计期间</label>
      <input type="text" id="f-period" name="period" value="{$k/@period}" maxlength="7" size="8" placeholder="2026 或 2026-11"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">period</xsl:with-param></xsl:call-template>
      <xsl:if test="$action = '/jiandu/units'">
        <select name="order" aria-label="排序">
          <option value="worst"><xsl:if test="$k/@order = 'worst'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>及时率由低到高</option>
          <option value="best"><xsl:if test="$k/@order = 'best'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>及时率由高到低</option>
        </select>
      </xsl:if>
      <button type="submit" class="btn btn-primary">查看</button>
      <xsl:text> </xsl:text>
      <a class="op" href="{$action}?period={$k/@prev}">上一期</a>
      <xsl:text> </xsl:text>
      <a class="op" href="{$action}?period={$k/@next}">下一期</a>
    </form>
    <p class="note">
      <xsl:value-of select="concat($k/@period, ':有按时或逾期退工的单位共 ', $k/@total, ' 个。')"/>
      <xsl:text>离职及时率 = 按时退工人数 ÷(按时 + 逾期)人数;劳动关系解除或终止之日起15日内提交退工登记为按时,节假日不顺延;期限未到且未办理的不计入。</xsl:text>
    </p>
    <table class="grid ranking">
      <thead>
        <tr><th>名次</th><th>单位名称</th><th>按时(人)</th><th>逾期(人)</th><th>期限未到(人)</th><th>离职及时率</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$k/unit">
          <tr>
            <td class="num"><xsl:value-of select="@rank"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td class="num"><xsl:value-of select="@on-time"/></td>
            <td class="num"><xsl:value-of select="@late"/></td>
            <td class="num"><xsl:value-of select="@pending"/></td>
            <td class="num">
              <xsl:choose>
                <xsl:when test="@pct"><xsl:value-of select="concat(@pct, '%')"/></xsl:when>
                <xsl:otherwise>-</xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($k/unit)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- The overview. -->
  <xsl:template match="page[@view = 'index']" mode="content">
    <xsl:variable name="q" select="queue"/>
    <xsl:call-template name="section"><xsl:with-param name="title">监管</xsl:with-param></xsl:call-template>
    <p class="note desk-links">
      <a href="/review">待审核业务</a><xsl:text> · </xsl:text>
      <a href="/review?state=done">审核记录</a><xsl:text> · </xsl:text>
      <a href="/yuyue/desk">当日预约</a>
    </p>

    <h3>待审业务按时限</h3>
    <p class="note">
      <xsl:value-of select="concat('截至 ', $q/@today, ',待审核共 ', $q/@total, ' 笔,其中已超过承诺审核时限 ', $q/@overdue, ' 笔。')"/>
      <xsl:text>时限按工作日计(法定节假日、周末除外):提交当日起满最长时限之日为到期日,到期日之后仍未审核即为超时。</xsl:text>
    </p>
    <table class="grid jd-queue">
      <thead>
        <tr><th>业务</th><th>承诺时限</th><th>待审核</th><th>未满最短时限</th><th>时限内</th><th>已超时</th><th>分布</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:variable name="max" select="number($q/business[not(@total &lt; $q/business/@total)][1]/@total)"/>
        <xsl:for-each select="$q/business">
          <tr>
            <xsl:if test="@overdue &gt; 0"><xsl:attribute name="class">overdue</xsl:attribute></xsl:if>
            <td><xsl:value-of select="@name"/></td>
            <td><xsl:value-of select="concat(@days-min, '-', @days-max, ' 个工作日')"/></td>
            <td class="num"><xsl:value-of select="@total"/></td>
            <td class="num"><xsl:value-of select="@fresh"/></td>
            <td class="num"><xsl:value-of select="@within"/></td>
            <td class="num overdue-count"><xsl:value-of select="@overdue"/></td>
            <td><xsl:call-template name="age-bar"><xsl:with-param name="b" select="."/><xsl:with-param name="max" select="$max"/></xsl:call-template></td>
            <td class="ops"><a class="op" href="/review?business={@code}">审核</a></td>
          </tr>
        </xsl:for-each>
        <tr class="total">
          <td>合计</td><td></td>
          <td class="num"><xsl:value-of select="$q/@total"/></td>
          <td class="num"><xsl:value-of select="$q/@fresh"/></td>
          <td class="num"><xsl:value-of select="$q/@within"/></td>
          <td class="num"><xsl:value-of select="$q/@overdue"/></td>
          <td></td><td></td>
        </tr>
      </tbody>
    </table>

    <h3>待审业务(超时优先)</h3>
    <table class="grid queue jd-waiting">
      <thead>
        <tr><th>业务顺序号</th><th>业务名称</th><th>单位名称</th><th>提交时间</th><th>到期日</th><th>状态</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="waiting/task">
          <tr>
            <xsl:if test="@overdue-review = '1'"><xsl:attribute name="class">overdue</xsl:attribute></xsl:if>
            <td><xsl:value-of select="@seq"/></td>
            <td><xsl:value-of select="@business-name"/></td>
            <td><xsl:value-of select="@unit-name"/></td>
            <td class="time"><xsl:value-of select="@submitted"/></td>
            <td class="time"><xsl:value-of select="@due"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@overdue-review = '1'"><span class="state state-returned">已超时 <xsl:value-of select="@late-days"/> 天</span></xsl:when>
                <xsl:otherwise><span class="state state-running">时限内</span></xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="ops"><a class="op" href="/review/task?id={@id}">审核</a></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(waiting/task)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">7</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="jd-pager"><xsl:with-param name="p" select="waiting/pager"/><xsl:with-param name="unit" select="'笔'"/></xsl:call-template>

    <xsl:if test="ranking">
      <h3>单位离职及时率排名(由低到高)</h3>
      <xsl:call-template name="ranking-table"><xsl:with-param name="action">/jiandu</xsl:with-param></xsl:call-template>
      <xsl:if test="ranking/@total &gt; count(ranking/unit)">
        <p class="actions"><a class="op" href="/jiandu/units?period={ranking/@period}">查看全部 <xsl:value-of select="ranking/@total"/> 个单位的排名</a></p>
      </xsl:if>
    </xsl:if>

    <h3>回退原因统计</h3>
    <xsl:call-template name="month-form"><xsl:with-param name="action">/jiandu</xsl:with-param></xsl:call-template>
    <xsl:call-template name="returns-totals"/>
    <xsl:call-template name="reasons-table"/>
    <xsl:if test="returns/@reasons &gt; count(returns/reason)">
      <p class="actions"><a class="op" href="/jiandu/returns?month={returns/@month}">查看全部 <xsl:value-of select="returns/@reasons"/> 种回退原因</a></p>
    </xsl:if>

    <h3><xsl:value-of select="concat('当日预约 ', appointments/@day, ' ', appointments/@weekday)"/></h3>
    <p class="note"><xsl:value-of select="concat('当日有效预约共 ', appointments/@total, ' 个。')"/></p>
    <table class="grid appointments">
      <thead>
        <tr><th>时段</th><th>单位</th><th>业务</th><th>业务状态</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="appointments/appointment">
          <tr>
            <td><xsl:value-of select="@slot"/></td>
            <td><xsl:value-of select="@unit-name"/></td>
            <td><xsl:value-of select="concat(@business-name, ' ', @seq)"/></td>
            <td><xsl:call-template name="state-badge"><xsl:with-param name="state" select="@task-state"/></xsl:call-template></td>
            <td class="ops"><a class="op" href="/review/task?id={@task}">审核</a></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(appointments/appointment)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">5</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <p class="actions"><a class="op" href="/yuyue/desk?day={appointments/@day}">查看当日全部预约</a></p>
  </xsl:template>

  <!-- Every 回退原因 of a month. -->
  <xsl:template match="page[@view = 'returns']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title" select="concat('回退原因统计 ', returns/@month)"/></xsl:call-template>
    <xsl:call-template name="month-form"><xsl:with-param name="action">/jiandu/returns</xsl:with-param></xsl:call-template>
    <xsl:call-template name="returns-totals"/>
    <xsl:call-template name="reasons-table"/>
    <xsl:call-template name="jd-pager"><xsl:with-param name="p" select="returns/pager"/><xsl:with-param name="unit" select="'种'"/></xsl:call-template>
    <p class="actions"><a class="btn" href="/jiandu">返回监管</a></p>
  </xsl:template>

  <!-- The units ranked by 离职及时率, paged. -->
  <xsl:template match="page[@view = 'units']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title" select="concat('离职及时率排名 ', ranking/@period)"/></xsl:call-template>
    <xsl:call-template name="ranking-table"><xsl:with-param name="action">/jiandu/units</xsl:with-param></xsl:call-template>
    <xsl:call-template name="jd-pager"><xsl:with-param name="p" select="ranking/pager"/><xsl:with-param name="unit" select="'个单位'"/></xsl:call-template>
    <p class="actions"><a class="btn" href="/jiandu">返回监管</a></p>
  </xsl:template>

</xsl:stylesheet>
