<?xml version="1.0" encoding="UTF-8"?>
<!--
  zhuxiao.xsl: 当月欠费注销 (category jiaofei).  Views:
    query     the 身份证号 box, what the business is, the unit's 注销 tasks
    form      one person's arrears of the current month, every type (单位
              and 个人 parts from the levy), the 无法恢复 confirmation and
              保存; once saved, the signed statement's upload, 提交, 退单
    refused   the person's month cannot be cancelled here: why, and the
              way forward (欠费补缴, /bujiao)
    task      a submitted, finished or withdrawn 注销, read-only
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="zx" select="/page/zhuxiao"/>
  <xsl:variable name="cur" select="/page/current-month"/>

  <!-- What the business is and what cannot be undone. -->
  <xsl:template name="zx-notice">
    <div class="msg msg-warn irreversible" id="irreversible" role="note">
      <p><strong>请谨慎操作:欠费注销一旦成功将无法恢复。</strong></p>
      <p>网上仅提供当月(<xsl:value-of select="$cur"/>)的社会保险欠费注销;所有参保险种的欠费同步注销。须上传经职工本人签字确认的欠费注销情况说明,并妥善留存、归档备查。</p>
      <p>以前月份的欠费不能注销,请通过<a href="/bujiao" id="go-bujiao">单位人员正常补缴费</a>办理欠费补缴。</p>
    </div>
  </xsl:template>

  <!-- The 身份证号 box. -->
  <xsl:template name="zx-query-form">
    <form method="get" action="/zhuxiao" class="form query" id="query-form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="$zx/@sfzh"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">查询</button></td>
        </tr>
      </table>
    </form>
  </xsl:template>

  <!-- The person, his month and its parts per type. -->
  <xsl:template name="zx-person">
    <xsl:call-template name="section"><xsl:with-param name="title">欠费信息</xsl:with-param></xsl:call-template>
    <table class="form-grid grid3 readonly-table" id="person">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$zx/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$zx/@sfzh"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">注销月份</xsl:with-param><xsl:with-param name="value" select="$zx/@month"/></xsl:call-template>
      </tr>
      <tr>
        <th>本单位全部欠费</th>
        <td class="readonly" colspan="5" id="owing">
          <xsl:choose>
            <xsl:when test="$zx/owing/@months = '0'">无</xsl:when>
            <xsl:otherwise><xsl:value-of select="$zx/owing/@first"/> 至 <xsl:value-of select="$zx/owing/@last"/>,共 <xsl:value-of select="$zx/owing/@months"/> 个月,合计 <xsl:value-of select="$zx/owing/@amount"/> 元</xsl:otherwise>
          </xsl:choose>
        </td>
      </tr>
      <xsl:if test="$zx/@amount">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">注销欠费金额(元)</xsl:with-param><xsl:with-param name="value" select="$zx/@amount"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">经办人确认时间</xsl:with-param><xsl:with-param name="value" select="$zx/@confirmed-at"/><xsl:with-param name="colspan">3</xsl:with-param></xsl:call-template>
        </tr>
      </xsl:if>
    </table>
    <!-- The amounts per type only where this month's arrears can be
         cancelled (a form or a task): a refused person has nothing
         here to cancel, and the table would read as if he had. -->
    <xsl:if test="/page/@view != 'refused'">
    <xsl:call-template name="section"><xsl:with-param name="title"><xsl:value-of select="$zx/@month"/> 各险种欠费(同步注销)</xsl:with-param></xsl:call-template>
    <p class="note" id="levy-what">以下为该职工<xsl:value-of select="$zx/@month"/>当月的欠费,注销时所有参保险种(单位部分和个人部分)同步注销;以前月份的欠费不在其中。</p>
    <xsl:choose>
      <xsl:when test="$zx/levy/@state = 'ok'">
        <table class="grid" id="levy">
          <thead><tr><th>险种</th><th>单位部分(元)</th><th>个人部分(元)</th></tr></thead>
          <tbody>
            <xsl:for-each select="$zx/levy/part">
              <tr><td><xsl:value-of select="@type"/></td><td class="num"><xsl:value-of select="@unit"/></td><td class="num"><xsl:value-of select="@person"/></td></tr>
            </xsl:for-each>
            <tr class="total"><th>合计 <xsl:value-of select="$zx/levy/@total"/></th><td class="num"><xsl:value-of select="$zx/levy/@unit"/></td><td class="num"><xsl:value-of select="$zx/levy/@person"/></td></tr>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="note" id="levy-missing">各险种金额暂无法核定:<xsl:value-of select="$zx/levy/@msg"/></p>
      </xsl:otherwise>
    </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The unit's recent 注销 tasks. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位当月欠费注销</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@view = 'query']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">当月欠费注销</xsl:with-param></xsl:call-template>
    <p class="note">如因客观原因未及时办理职工暂停缴费业务而产生当月欠费,可在此注销该职工当月的社会保险欠费。输入身份证号查询。</p>
    <xsl:call-template name="zx-notice"/>
    <xsl:call-template name="zx-query-form"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'refused']" mode="content">
    <!-- The reasons are listed once, at the top (layout.xsl messages). -->
    <ul class="way-forward">
      <xsl:if test="/page/errors/error[@code = 'ZX_NOT_OWING' or @code = 'ZX_NOT_CURRENT'] and $zx/owing/@months != '0'">
        <li><a href="/bujiao" id="go-bujiao-refused">办理单位人员正常补缴费(欠费补缴)</a></li>
      </xsl:if>
      <li><a href="/zhuxiao">重新查询</a></li>
    </ul>
    <xsl:call-template name="zx-person"/>
  </xsl:template>

  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="zx-notice"/>
    <xsl:if test="$zx/@person">
      <xsl:call-template name="zx-person"/>
    </xsl:if>
    <xsl:call-template name="required-note"/>
    <form method="post" action="/zhuxiao/save" class="form" id="zhuxiao-form">
      <xsl:call-template name="csrf"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>
      <input type="hidden" name="sfzh" value="{$zx/@sfzh}"/>
      <input type="hidden" name="month" value="{$zx/@month}"/>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">sfzh</xsl:with-param></xsl:call-template>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">month</xsl:with-param></xsl:call-template>
      <p class="confirm">
        <label><input type="checkbox" name="confirm" value="1" id="f-confirm"><xsl:if test="$task"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
          <xsl:call-template name="required-mark"/>本人已知晓:欠费注销成功后将无法恢复,该职工<xsl:value-of select="$zx/@month"/>所有险种的欠费将同步注销。</label>
        <xsl:call-template name="field-errors"><xsl:with-param name="name">confirm</xsl:with-param></xsl:call-template>
      </p>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
      </p>
    </form>
    <xsl:call-template name="materials"/>
    <xsl:if test="$task">
      <xsl:call-template name="submit-cancel"/>
    </xsl:if>
    <xsl:call-template name="history"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>该职工<xsl:value-of select="$zx/@month"/>所有险种的欠费已注销,注销后无法恢复。</p>
        <p>请将经职工本人签字确认的欠费注销情况说明妥善留存、归档备查。</p>
      </div>
    </xsl:if>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="zx-person"/>
    <xsl:call-template name="materials"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="/zhuxiao">返回当月欠费注销</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

</xsl:stylesheet>
