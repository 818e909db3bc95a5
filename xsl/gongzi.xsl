<?xml version="1.0" encoding="UTF-8"?>
<!--
  gongzi.xsl: 个人工资变更 (category jiaofei; 缴费管理 → 单个职工缴费基数
  变更申报).  Views:
    query     请输入个人身份标志 (身份证号 or 社保个人编号), the year's
              缴费基数 bounds, the unit's recent changes
    form      the person found (现申报工资, 现缴费基数) and 变更后申报工资
              (新建, or a refused save with the errors)
    task      a draft (the wage editable, what approval would make of
              it, 提交审批 / 退单) or a finished one (核定缴费基数, its
              first month and why: 保底 / 封顶 / 按申报工资)
  Every unit's submit is reviewed by the system at once; nothing is
  uploaded (the 工资单 is kept by the unit for inspection).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="gz" select="/page/gongzi"/>
  <xsl:variable name="person" select="/page/person"/>
  <xsl:variable name="bounds" select="/page/bounds"/>

  <!-- What the unit keeps instead of uploading. -->
  <xsl:template name="keep-note">
    <p class="note keep-note" id="keep-note">无需上传附件。请将职工身份证复印件和工资单(或其他收入证明)妥善留存、归档备查。</p>
  </xsl:template>

  <!-- The year's floor and ceiling, or why there are none yet. -->
  <xsl:template name="bounds">
    <xsl:if test="$bounds">
      <xsl:choose>
        <xsl:when test="$bounds/@missing = '1'">
          <div class="msg msg-warn bounds-missing" role="status"><xsl:value-of select="$bounds"/></div>
        </xsl:when>
        <xsl:otherwise>
          <p class="note bounds" id="bounds"><xsl:value-of select="$bounds/@year"/>年度缴费基数下限 <xsl:value-of select="$bounds/@floor"/> 元、上限 <xsl:value-of select="$bounds/@ceiling"/> 元(社平工资 <xsl:value-of select="$bounds/@avg"/> 元的 <xsl:value-of select="$bounds/@floor-pct"/>%至<xsl:value-of select="$bounds/@ceiling-pct"/>%)。变更后申报工资低于下限的按下限核定(保底),高于上限的按上限核定(封顶),自 <xsl:value-of select="$bounds/@month"/> 起执行。</p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The query box. -->
  <xsl:template name="query-form">
    <form method="get" action="/gongzi" class="form query" id="query-form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">请输入个人身份标志</xsl:with-param>
            <xsl:with-param name="name">q</xsl:with-param>
            <xsl:with-param name="value" select="/page/query/@q"/>
            <xsl:with-param name="maxlength">24</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary" id="btn-query">查询</button></td>
        </tr>
      </table>
      <p class="hint">输入身份证号码或社保个人编号,只能查询在本单位参保缴费的职工。</p>
    </form>
  </xsl:template>

  <!-- The person and his bases now. -->
  <xsl:template name="person">
    <xsl:if test="$person">
      <xsl:call-template name="section"><xsl:with-param name="title">职工参保信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3 readonly-table" id="person">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$person/@name"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$person/@idno"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">社保个人编号</xsl:with-param><xsl:with-param name="value" select="$person/@sb-no"/></xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">参保状态</xsl:with-param><xsl:with-param name="value" select="$person/@status"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">现申报工资(元)</xsl:with-param><xsl:with-param name="value" select="$person/@wage"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">现缴费基数(元)</xsl:with-param><xsl:with-param name="value" select="$person/@base"/></xsl:call-template>
        </tr>
      </table>
      <xsl:if test="$person/@since != ''">
        <p class="note">现缴费基数自 <xsl:value-of select="$person/@since"/> 起执行。</p>
      </xsl:if>
      <xsl:if test="$person/@next-month">
        <p class="note next-base">已核定自 <xsl:value-of select="$person/@next-month"/> 起申报工资 <xsl:value-of select="$person/@next-wage"/> 元、缴费基数 <xsl:value-of select="$person/@next-base"/> 元。</p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- What approving the wage would make of it. -->
  <xsl:template name="clamp">
    <xsl:variable name="k" select="/page/clamp"/>
    <xsl:if test="$k">
      <div class="msg msg-info clamp clamp-{$k/@side}" role="status" id="clamp">
        <xsl:text>提交后系统将核定缴费基数 </xsl:text><strong><xsl:value-of select="$k/@base"/></strong><xsl:text> 元,自 </xsl:text><xsl:value-of select="$k/@month"/><xsl:text> 起执行:</xsl:text><xsl:value-of select="$k"/><xsl:text>。</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The wage form (new, a refused save, or a draft's). -->
  <xsl:template name="wage-form">
    <xsl:variable name="pid">
      <xsl:choose>
        <xsl:when test="$person/@pid"><xsl:value-of select="$person/@pid"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$gz/@pid"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="required-note"/>
    <form method="post" action="/gongzi/save" class="form" id="gongzi-form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="pid" value="{$pid}"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and /page/form/@token"><input type="hidden" name="token" value="{/page/form/@token}"/></xsl:if>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">pid</xsl:with-param></xsl:call-template>
      <xsl:call-template name="section"><xsl:with-param name="title">工资变更</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">变更后申报工资(元/月)</xsl:with-param>
            <xsl:with-param name="name">wage</xsl:with-param>
            <xsl:with-param name="value" select="$gz/@wage-input"/>
            <xsl:with-param name="maxlength">15</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
      </table>
      <xsl:call-template name="bounds"/>
      <div class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
        <xsl:text> </xsl:text>
        <a class="btn" href="/gongzi">重新查询</a>
      </div>
    </form>
  </xsl:template>

  <!-- The unit's recent 工资变更. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位个人工资变更</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@view = 'query']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">个人工资变更(单个职工缴费基数变更申报)</xsl:with-param></xsl:call-template>
    <xsl:call-template name="query-form"/>
    <xsl:call-template name="person"/>
    <ol class="steps">
      <li>输入身份证号码或社保个人编号,点击“查询”,核对职工现申报工资和缴费基数。</li>
      <li>填写变更后申报工资,点击“保存”生成业务顺序号,再点击“提交审批”;不办理的点击“退单”。</li>
      <li>提交后由系统即时审核:变更后工资低于缴费基数下限的按下限、高于上限的按上限核定,次月起按核定后的缴费基数缴费。</li>
    </ol>
    <xsl:call-template name="bounds"/>
    <xsl:call-template name="keep-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="not($task)"><xsl:call-template name="query-form"/></xsl:if>
    <xsl:call-template name="person"/>
    <xsl:for-each select="/page/pending">
      <div class="msg msg-warn pending" role="status">该职工已有未办结的个人工资变更(业务顺序号 <a href="/gongzi?id={@id}" id="go-pending"><xsl:value-of select="@seq"/></a>),请先提交或退单该业务。</div>
    </xsl:for-each>
    <xsl:call-template name="wage-form"/>
    <xsl:call-template name="keep-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:choose>
      <xsl:when test="$editable">
        <xsl:call-template name="person"/>
        <xsl:call-template name="wage-form"/>
        <xsl:call-template name="clamp"/>
        <xsl:call-template name="keep-note"/>
        <xsl:call-template name="submit-cancel"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="section"><xsl:with-param name="title">工资变更</xsl:with-param></xsl:call-template>
        <table class="form-grid grid3 readonly-table" id="gongzi">
          <tr>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$gz/@name"/></xsl:call-template>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$gz/@idno"/></xsl:call-template>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">社保个人编号</xsl:with-param><xsl:with-param name="value" select="$gz/@sb-no"/></xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">原申报工资(元)</xsl:with-param><xsl:with-param name="value" select="$gz/@old-wage"/></xsl:call-template>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">原缴费基数(元)</xsl:with-param><xsl:with-param name="value" select="$gz/@old-base"/></xsl:call-template>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">变更后申报工资(元)</xsl:with-param><xsl:with-param name="value" select="$gz/@wage"/></xsl:call-template>
          </tr>
          <xsl:if test="$gz/@base">
            <tr>
              <xsl:call-template name="show-cells"><xsl:with-param name="label">核定缴费基数(元)</xsl:with-param><xsl:with-param name="value" select="$gz/@base"/></xsl:call-template>
              <xsl:call-template name="show-cells"><xsl:with-param name="label">执行起始月份</xsl:with-param><xsl:with-param name="value" select="$gz/@from"/><xsl:with-param name="colspan">3</xsl:with-param></xsl:call-template>
            </tr>
          </xsl:if>
        </table>
        <xsl:if test="$gz/@base">
          <div class="msg msg-info clamp clamp-{$gz/@side}" role="status" id="clamp">核定说明:<xsl:value-of select="$gz/@note"/>。自 <xsl:value-of select="$gz/@from"/> 起请按核定后的缴费基数缴纳社会保险费。</div>
        </xsl:if>
        <xsl:call-template name="keep-note"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="history"/>
  </xsl:template>

</xsl:stylesheet>
